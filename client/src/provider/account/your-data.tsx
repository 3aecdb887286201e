// "Download my data": the server's JSON export of everything stored about the provider, saved as a file.
import { createSignal, Show } from "solid-js";
import { describeError } from "../../forms/submit.ts";
import { api } from "../../shared/api.ts";
import { t, tf } from "../../shared/i18n.ts";
import { saveFile } from "../../shared/save-file.ts";
import { attachmentName, refusal } from "./download.ts";

export function YourDataSection() {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [savedAs, setSavedAs] = createSignal<string>();

  async function download() {
    setBusy(true);
    setError(undefined);
    setSavedAs(undefined);
    try {
      const response = await api.exportData();
      if (!response.ok) throw await refusal(response);
      const filename = attachmentName(response.headers.get("Content-Disposition"), "anteroom-data.json");
      saveFile(filename, await response.blob());
      setSavedAs(filename);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="data-heading">
      <h2 id="data-heading">{t("acctYourData")}</h2>
      <p>{t("acctYourDataExplain")}</p>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <p class="status ok" role="status">
        <Show when={savedAs()}>
          {(name) => <span data-testid="export-done">{tf("acctExportDone", { file: name() })}</span>}
        </Show>
      </p>
      <button type="button" disabled={busy()} onClick={download} data-testid="export-data">
        {busy() ? t("acctExporting") : t("acctExport")}
      </button>
    </section>
  );
}
