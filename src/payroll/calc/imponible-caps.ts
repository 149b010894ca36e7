import { ufToPesos } from './decimal';

/** Converts a tope expressed in UF to pesos with the month's UF, rounded half-up (e.g. 90 UF × 39.841,72 = 3.585.755). */
export function topeInPesos(topeUf: number, ufValue: number): number {
  return ufToPesos(topeUf, ufValue);
}

/** Caps a monthly imponible at a tope in pesos; the part above the tope pays no contribution. */
export function cappedBase(imponible: number, tope: number): number {
  return Math.max(0, Math.min(imponible, tope));
}
