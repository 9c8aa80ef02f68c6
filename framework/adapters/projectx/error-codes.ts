/**
 * Per-endpoint `errorCode` enums (projectx-api.md §2, §4; Swagger July 2025). The same number means
 * different things on different endpoints, so ApiError carries the NAME looked up here.
 */
const LOGIN = ['Success', 'UserNotFound', 'PasswordVerificationFailed', 'InvalidCredentials', 'AppNotFound', 'AppVerificationFailed', 'InvalidDevice', 'AgreementsNotSigned', 'UnknownError', 'ApiSubscriptionNotFound', 'ApiKeyAuthenticationDisabled'];
const ACCOUNT_ONLY = ['Success', 'AccountNotFound'];

const CODES: Readonly<Record<string, readonly string[]>> = {
  '/api/Auth/loginKey': LOGIN,
  '/api/Auth/loginApp': LOGIN,
  '/api/Auth/validate': ['Success', 'InvalidSession', 'SessionNotFound', 'ExpiredToken', 'UnknownError'],
  '/api/Auth/logout': ['Success', 'InvalidSession', 'UnknownError'],
  '/api/Account/search': ['Success'],
  '/api/Contract/search': ['Success'],
  '/api/Contract/searchById': ['Success', 'ContractNotFound'],
  '/api/Contract/available': ['Success'],
  '/api/History/retrieveBars': ['Success', 'ContractNotFound', 'UnitInvalid', 'UnitNumberInvalid', 'LimitInvalid'],
  '/api/Order/place': ['Success', 'AccountNotFound', 'OrderRejected', 'InsufficientFunds', 'AccountViolation', 'OutsideTradingHours', 'OrderPending', 'UnknownError', 'ContractNotFound', 'ContractNotActive', 'AccountRejected'],
  '/api/Order/search': ACCOUNT_ONLY,
  '/api/Order/searchOpen': ACCOUNT_ONLY,
  '/api/Order/cancel': ['Success', 'AccountNotFound', 'OrderNotFound', 'Rejected', 'Pending', 'UnknownError', 'AccountRejected'],
  '/api/Order/modify': ['Success', 'AccountNotFound', 'OrderNotFound', 'Rejected', 'Pending', 'UnknownError', 'AccountRejected', 'ContractNotFound'],
  '/api/Position/searchOpen': ACCOUNT_ONLY,
  '/api/Position/closeContract': ['Success', 'AccountNotFound', 'PositionNotFound', 'ContractNotFound', 'ContractNotActive', 'OrderRejected', 'OrderPending', 'UnknownError', 'AccountRejected'],
  '/api/Position/partialCloseContract': ['Success', 'AccountNotFound', 'PositionNotFound', 'ContractNotFound', 'ContractNotActive', 'InvalidCloseSize', 'OrderRejected', 'OrderPending', 'UnknownError', 'AccountRejected'],
  '/api/Trade/search': ACCOUNT_ONLY,
};

/** The code's name for this endpoint, e.g. ('/api/Order/place', 3) -> 'InsufficientFunds'; `Code<n>` when unknown. */
export function errorCodeName(endpoint: string, code: number): string {
  const names = CODES[endpoint];
  return names !== undefined && Number.isInteger(code) && code >= 0 && code < names.length ? names[code] : `Code${code}`;
}
