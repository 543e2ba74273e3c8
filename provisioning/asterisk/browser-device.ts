// Each person has a desk-phone account named after their username and a browser device (the web app's softphone,
// WebRTC) beside it. Usernames match /^[a-z][a-z0-9._-]{1,31}$/, so a "~" can never be part of one: "bob~web" is
// nobody's username, only bob's browser device.

export const BROWSER_DEVICE_SUFFIX = '~web';

export function browserDeviceName(username: string): string {
  return `${username}${BROWSER_DEVICE_SUFFIX}`;
}

/** "bob~web" -> "bob", "bob" -> "bob": the person behind any of their devices. */
export function personOfDevice(endpoint: string): string {
  return endpoint.endsWith(BROWSER_DEVICE_SUFFIX) ? endpoint.slice(0, -BROWSER_DEVICE_SUFFIX.length) : endpoint;
}

export function isBrowserDevice(endpoint: string): boolean {
  return endpoint.endsWith(BROWSER_DEVICE_SUFFIX);
}
