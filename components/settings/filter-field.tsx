'use client';

import { useId, type ReactNode } from 'react';

/**
 * A filter control with its own <label> beside it (not around it): a label wrapping a select would give the select
 * every option's text as part of its name, so "To" would also name the select whose options include "Carter".
 */
export function FilterField({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="text-xs text-slate-600">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}
