/**
 * ProjectX product roots differ from exchange tickers for some contracts (ES is `EP`, NQ is `ENQ`:
 * projectx-api.md §8). The registry carries `gatewayRoot`; this file is the two-way lookup plus the
 * contract id / name grammar (`CON.F.US.<ROOT>.<Month><YY>`, name `<ROOT><Month><YY>`).
 */
import { findInstrument, registeredInstruments } from '../../model/instrument-registry.ts';

const ROOT_TO_SYMBOL: ReadonlyMap<string, string> = new Map(
  registeredInstruments()
    .filter((i) => i.gatewayRoot !== undefined)
    .map((i) => [i.gatewayRoot!, i.symbol]),
);

/** Our symbol -> gateway root: ES -> EP, NQ -> ENQ, MNQ -> MNQ. */
export function gatewayRootOf(symbol: string): string {
  const s = symbol.toUpperCase();
  return findInstrument(s)?.gatewayRoot ?? s;
}

/** Gateway root -> our symbol: EP -> ES, ENQ -> NQ, MNQ -> MNQ. */
export function symbolOfRoot(root: string): string {
  const r = root.toUpperCase();
  return ROOT_TO_SYMBOL.get(r) ?? r;
}

const MONTH_SUFFIX = /^(.+?)([FGHJKMNQUVXZ])(\d{1,2})$/;

/** 'MNQZ25' -> { root: 'MNQ', month: 'Z', year: '25' }; undefined when it is no futures name. */
export function splitContractName(name: string): { root: string; month: string; year: string } | undefined {
  const m = MONTH_SUFFIX.exec(name.toUpperCase());
  return m ? { root: m[1], month: m[2], year: m[3] } : undefined;
}

/** Root of a contract id `CON.F.US.MNQ.Z25` -> 'MNQ', or of a symbol id `F.US.EP` -> 'EP'. */
export function rootOfContractId(id: string): string | undefined {
  const parts = id.split('.');
  if (parts[0] === 'CON' && parts.length >= 5) return parts[3];
  if (parts[0] === 'F' && parts.length >= 3) return parts[parts.length - 1];
  return undefined;
}
