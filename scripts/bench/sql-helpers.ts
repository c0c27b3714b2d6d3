/**
 * SQL functions the generator uses while loading (schema `bench`): a deterministic hash, valid v4-shaped uuids, word
 * banks as constant arrays and the contact attributes, so contacts, identities and conversations agree without joins.
 */
import type postgres from 'postgres';
import * as w from './words';

function arrayLiteral(values: readonly string[]): string {
  return `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;
}

function constFunction(name: string, values: readonly string[]): string {
  return `create or replace function bench.${name}() returns text[] language sql immutable parallel safe as $$ select ${arrayLiteral(values)} $$`;
}

export async function createHelpers(sql: postgres.Sql): Promise<void> {
  const weightedPrefixes = w.PHONE_PREFIXES.flatMap((p) => Array.from({ length: p.weight }, () => p.prefix));
  const statements = [
    `create schema if not exists bench`,
    `create table if not exists bench.meta (key text primary key, value jsonb not null)`,
    // Uniform in [0, 2^32): hashint8 is PostgreSQL's own integer hash, fast and stable.
    `create or replace function bench.h(x bigint, salt int) returns bigint language sql immutable parallel safe
       as $$ select hashint8(x * 64 + salt)::bigint + 2147483648 $$`,
    // zod's uuid check wants a version and a variant nibble: shape an md5 like a v4 uuid.
    `create or replace function bench.uid(t text) returns uuid language sql immutable parallel safe
       as $$ select overlay(overlay(md5(t) placing '4' from 13) placing '8' from 17)::uuid $$`,
    `create or replace function bench.pick(arr text[], x bigint) returns text language sql immutable parallel safe
       as $$ select arr[1 + (x % array_length(arr, 1))::int] $$`,
    constFunction('ar_first', w.AR_FIRST),
    constFunction('ar_last', w.AR_LAST),
    constFunction('en_first', w.EN_FIRST),
    constFunction('en_last', w.EN_LAST),
    constFunction('tags', w.TAGS),
    constFunction('prefixes', weightedPrefixes),
    constFunction('products_ar', w.PRODUCTS_AR),
    constFunction('products_en', w.PRODUCTS_EN),
    constFunction('cities_ar', w.CITIES_AR),
    constFunction('cities_en', w.CITIES_EN),
    constFunction('ar_in', w.AR_IN),
    constFunction('en_in', w.EN_IN),
    constFunction('ar_out', w.AR_OUT),
    constFunction('en_out', w.EN_OUT),
    constFunction('notes', w.NOTES),
    // Contact gj (global index): Arabic or English name, and a phone number unique per contact (7919 is coprime
    // with 10^7, so the 7-digit suffix is a bijection for gj < 10^7).
    `create or replace function bench.c_ar(gj bigint) returns boolean language sql immutable parallel safe
       as $$ select bench.h(gj, 1) % 100 < 65 $$`,
    `create or replace function bench.c_first(gj bigint) returns text language sql immutable parallel safe
       as $$ select case when bench.c_ar(gj) then bench.pick(bench.ar_first(), bench.h(gj, 2)) else bench.pick(bench.en_first(), bench.h(gj, 2)) end $$`,
    `create or replace function bench.c_last(gj bigint) returns text language sql immutable parallel safe
       as $$ select case when bench.c_ar(gj) then bench.pick(bench.ar_last(), bench.h(gj, 3)) else bench.pick(bench.en_last(), bench.h(gj, 3)) end $$`,
    `create or replace function bench.c_phone(gj bigint) returns text language sql immutable parallel safe
       as $$ select '+' || bench.pick(bench.prefixes(), bench.h(gj, 4)) || lpad(((gj * 7919 + 12345) % 10000000)::text, 7, '0') $$`,
    // An order number customers and agents quote; searched as "a word in message text".
    `create or replace function bench.order_no(x bigint) returns text language sql immutable parallel safe
       as $$ select 'A-' || (10000 + bench.h(x, 7) % 90000)::text $$`,
    `create or replace function bench.fill(tpl text, ar boolean, x bigint) returns text language sql immutable parallel safe
       as $$ select replace(replace(replace(tpl, '{o}', bench.order_no(x)),
         '{p}', bench.pick(case when ar then bench.products_ar() else bench.products_en() end, bench.h(x, 8))),
         '{c}', bench.pick(case when ar then bench.cities_ar() else bench.cities_en() end, bench.h(x, 9))) $$`,
  ];
  for (const statement of statements) await sql.unsafe(statement);
}
