// Saving something the page holds (recovery codes, the data export, a call's chat) as a file on the
// person's device, without anything leaving the browser.

/** Offers `blob` as a download named `filename`, through a temporary link (nothing leaves the browser). */
export function saveFile(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers start reading the blob only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
