import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// The e2e build adds host access to the local test server only: automation is never an
// activeTab gesture, so tests need it. Production builds never carry host permissions.
// Both schemes: adding a listed site asks for its http and https origins, and a request for
// what is already granted resolves without the prompt a headless browser cannot answer.
const E2E_HOSTS = [
  'http://127.0.0.1/*',
  'https://127.0.0.1/*',
  'http://localhost/*',
  'https://localhost/*',
];
const ICONS = {
  16: 'icons/16.png',
  32: 'icons/32.png',
  48: 'icons/48.png',
  128: 'icons/128.png',
};

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
  manifest: ({ mode, browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['activeTab', 'scripting', 'storage'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // MV2 (the Firefox build) has no optional_host_permissions: the same per-site hosts.
    ...(manifestVersion === 2 ? { optional_permissions: ['https://*/*', 'http://*/*'] } : {}),
    icons: ICONS,
    ...(mode === 'e2e' ? { host_permissions: E2E_HOSTS } : {}),
    action: { default_title: '__MSG_actionTitle__', default_icon: ICONS },
    commands: {
      'toggle-care-mode': {
        suggested_key: { default: 'Alt+Shift+C' },
        description: '__MSG_commandToggle__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'care-mode@care-mode.example',
              strict_min_version: '140.0',
              // Declared for addons.mozilla.org: Care Mode collects and sends nothing.
              data_collection_permissions: { required: ['none'] },
            },
            // Android's first release that reads data_collection_permissions.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { externally_connectable: { ids: [], matches: [] } }),
  }),
});
