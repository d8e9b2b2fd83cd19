/** The Natter server the demo talks to: `VITE_NATTER_URL`, or the reference server `npm start` runs. */
export const SERVER_URL = (import.meta.env.VITE_NATTER_URL || 'http://127.0.0.1:8787').replace(/\/+$/, '');
