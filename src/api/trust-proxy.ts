// Which reverse proxies the server believes (DXMON_TRUST_PROXY): the client address it throttles sign-ins by and
// writes to the audit log, and whether a request came over HTTPS (Secure cookies), are read from X-Forwarded-For
// and X-Forwarded-Proto only as far as trusted proxies wrote them.
//
// X-Forwarded-For is a list each proxy appends to: `client, proxy1, proxy2`, the connection itself coming from the
// last proxy. Whatever the client sent comes first, so the client can write anything there. The address to
// believe is found from the right: skip the trusted hops, and the next address is the client as the outermost
// trusted proxy saw it. Trusting every hop (Fastify's `trustProxy: true`, which `DXMON_TRUST_PROXY=1` used to
// mean) takes the leftmost address — the one the client wrote — so it is refused.
import { isIP } from 'node:net';
import { AppError } from '../domain/app-error.js';

/**
 * The proxies in front of the server: how many (the immediate peer and the hops before it are proxies, the
 * address before them is the client), or which addresses (a peer or hop whose address matches is a proxy).
 */
export type TrustProxy = { hops: number } | { proxies: readonly string[] };

/** The most hops one can ask for: more than any real chain of proxies, so a typo is caught. */
export const MAX_TRUSTED_HOPS = 10;

/** proxy-addr's names for address ranges, accepted in a list: 127.0.0.1/8 and ::1; link-local; private. */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'] as const;

const EXAMPLES = {
  vi: 'số proxy đứng trước DX Monitor (ví dụ 1), hoặc địa chỉ/dải địa chỉ của chúng, cách nhau bằng dấu phẩy (ví dụ 10.0.0.5,10.0.1.0/24)',
  en: 'the number of proxies in front of DX Monitor (e.g. 1), or their addresses/CIDR ranges separated by commas (e.g. 10.0.0.5,10.0.1.0/24)',
};

function refused(text: string, why: { vi: string; en: string }): AppError {
  return new AppError('usage', {
    vi: `DXMON_TRUST_PROXY=«${text}» không dùng được: ${why.vi}. Hãy ghi ${EXAMPLES.vi}; để trống khi không có proxy.`,
    en: `DXMON_TRUST_PROXY=«${text}» cannot be used: ${why.en}. Give ${EXAMPLES.en}; leave it unset without a proxy.`,
  });
}

/** Whether one list entry is an address, a CIDR range that is not everyone (`/0`), or a range name. */
function entryProblem(entry: string): { vi: string; en: string } | null {
  if ((RANGE_NAMES as readonly string[]).includes(entry)) return null;
  const slash = entry.indexOf('/');
  const address = slash === -1 ? entry : entry.slice(0, slash);
  const version = isIP(address);
  if (version === 0) {
    return {
      vi: `«${entry}» không phải địa chỉ IP hay dải CIDR (không dùng tên máy)`,
      en: `«${entry}» is not an IP address or CIDR range (host names are not accepted)`,
    };
  }
  if (slash === -1) return null;
  const prefixText = entry.slice(slash + 1);
  const max = version === 4 ? 32 : 128;
  const prefix = /^[0-9]{1,3}$/.test(prefixText) ? Number(prefixText) : Number.NaN;
  if (!(prefix >= 1 && prefix <= max)) {
    return {
      vi: `dải «${entry}» phải có độ dài tiền tố từ 1 đến ${max} (/0 là mọi địa chỉ)`,
      en: `the range «${entry}» needs a prefix length from 1 to ${max} (/0 would be every address)`,
    };
  }
  return null;
}

/**
 * Reads DXMON_TRUST_PROXY: unset, empty or `0` is no proxy (null: X-Forwarded-* ignored); a whole number is how
 * many proxies stand in front (1 to MAX_TRUSTED_HOPS); otherwise a comma-separated list of the proxies' addresses
 * or CIDR ranges (or loopback, linklocal, uniquelocal). Anything meaning "everyone" — `true`, `*`, `all`,
 * `0.0.0.0/0` — and anything else is refused with a usage error naming the value and the accepted forms.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  if (/^[0-9]+$/.test(text)) {
    const hops = Number(text);
    if (hops === 0) return null;
    if (hops > MAX_TRUSTED_HOPS) {
      throw refused(text, {
        vi: `tối đa ${MAX_TRUSTED_HOPS} proxy`,
        en: `at most ${MAX_TRUSTED_HOPS} proxies`,
      });
    }
    return { hops };
  }
  if (/^(true|yes|on|all|any|everyone|\*)$/i.test(text)) {
    throw refused(text, {
      vi: 'tin mọi địa chỉ thì bất kỳ ai cũng tự chọn được địa chỉ của mình (X-Forwarded-For), vượt qua giới hạn đăng nhập sai theo địa chỉ và ghi địa chỉ giả vào nhật ký',
      en: 'trusting every address lets any client choose its own address (X-Forwarded-For), escape the per-address sign-in throttle and write a forged address to the audit log',
    });
  }
  const proxies = text.split(',').map((entry) => entry.trim());
  for (const entry of proxies) {
    const problem = entry === '' ? { vi: 'có một mục trống', en: 'an entry is empty' } : entryProblem(entry);
    if (problem) throw refused(text, problem);
  }
  return { proxies };
}

/** The Fastify `trustProxy` option for a setting: a function trusting the first `hops` hops, or the list. */
export function fastifyTrustProxy(
  setting: TrustProxy,
): ((address: string, hop: number) => boolean) | string[] {
  if ('hops' in setting) {
    const { hops } = setting;
    return (_address, hop) => hop < hops;
  }
  return [...setting.proxies];
}
