/**
 * The one reading of the loose values Odoo sends: `false` for an empty field, numbers sometimes as text. Every layer
 * (request DTOs, the DTE normalizer, the matching inputs, chat) builds on these, keeping only its own policy for what
 * is left over (a DTO refuses it, the normalizer keeps it for the rules to report).
 */
import { Transform } from 'class-transformer';

/** Numeric text, surrounding blanks allowed: `"420000"`, `" -12.5 "`. */
export const NUMERIC_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;

/** True for the values Odoo and JSON use to say "nothing here": `false`, null, undefined, blank text. */
export function isOdooEmpty(value: unknown): boolean {
  return value === false || value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** A plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Finite numbers and numeric text as a number; anything else (empty values included) undefined. */
export function odooNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' && NUMERIC_TEXT.test(value) ? Number(value) : undefined;
}

/** Text as is, finite numbers as text; anything else (Odoo's `false` included) undefined. */
export function odooText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/** Property decorator: Odoo's empty values (`false`, blank text) become null, so optional validators accept them. */
export function OdooEmptyToNull(): PropertyDecorator {
  return Transform(({ value }) => (value !== undefined && isOdooEmpty(value) ? null : value));
}
