/** A number formatter with the digits of a formatting locale (see formattingLocale): ٣ or 3, zero-padded on request. */
export function numberWith(tag: string): (value: number, minDigits?: number) => string {
  const formats = new Map<number, Intl.NumberFormat>();
  return (value, minDigits = 1) => {
    let format = formats.get(minDigits);
    if (!format) formats.set(minDigits, (format = new Intl.NumberFormat(tag, { minimumIntegerDigits: minDigits, useGrouping: false })));
    return format.format(value);
  };
}
