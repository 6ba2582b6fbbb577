/* The wire of browser mode, shared by the local server and the renderer's HTTP transport. */

/** Every API request carries this launch's token in this header. */
export const TOKEN_HEADER = 'x-mcd-token'

/** One POST route per contract method: `/api/<method>`. */
export const API_PREFIX = '/api/'

/** The opening URL's fragment, `#token=…`: fragments never reach a server or its logs. */
export const TOKEN_FRAGMENT = /^#token=([A-Za-z0-9_-]+)/
