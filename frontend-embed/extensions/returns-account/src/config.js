// The app's own host: customer account extensions call it directly, not through the app proxy
// (https://shopify.dev/docs/api/customer-account-ui-extensions/latest/configuration#network-access).
// Keep it equal to application_url in shopify.app.toml (a test checks it).
export const APP_URL = 'https://returns-drawer.example.com';
