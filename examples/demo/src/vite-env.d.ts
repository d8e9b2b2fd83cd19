/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The Natter server's HTTP origin; default http://127.0.0.1:8787. */
  readonly VITE_NATTER_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
