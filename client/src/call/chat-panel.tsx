// The chat panel: messages and files over the data link, loaded when first used. Over the picture on
// a phone, beside it on a desktop. Everything is rendered as text, never as HTML. Chat goes to everyone
// in the call; a file to everyone or, with two or more others, to one person (`file-recipient`).
import { createEffect, createMemo, createSignal, For, type JSX, Match, onCleanup, Show, Switch } from "solid-js";
import type { Participant } from "../../../schema/messages.ts";
import { formatTime, type MessageKey, t, tf } from "../shared/i18n.ts";
import { saveFile } from "../shared/save-file.ts";
import type { ParticipantView } from "./call-state.ts";
import { type ChatEntry, ChatLog } from "./chat.ts";
import { FileTransfers, type Recipient, type Transfer, type TransferProblem } from "./files.ts";
import type { DataLink } from "./link.ts";
import { type Named, nameOf } from "./participant-name.ts";
import "./i18n-chat.ts";
import "./chat.css";

export interface CallChat {
  /** Messages from the other side not yet seen (the panel was closed). */
  unread(): number;
  /** Whether there is anything to save (a chat message either way). */
  hasMessages(): boolean;
  /** Revokes download URLs and stops listening; the transcript stays savable. */
  dispose(): void;
}

interface ChatInternals extends CallChat {
  log: ChatLog;
  files: FileTransfers;
  messages(): ChatEntry[];
  transfers(): Transfer[];
  /** The others in the call now, by connection id. */
  others(): Readonly<Record<string, ParticipantView>>;
  /** A participant's name now, or the last one seen while they were in the call. */
  nameOf(peerId: string): string | undefined;
}

/** The others in the call: the session's state, read reactively; none where the caller has no roster. */
export type Others = () => Readonly<Record<string, ParticipantView>>;

export function createCallChat(link: DataLink, others: Others = () => ({})): CallChat {
  const log = new ChatLog(link);
  const files = new FileTransfers(link);
  const [messages, setMessages] = createSignal(log.messages.slice());
  const [unread, setUnread] = createSignal(0);
  const [transfers, setTransfers] = createSignal(files.list());
  // Names as they were while each person was in the call: someone who left keeps theirs in the chat.
  const known = new Map<string, string>();
  const remember = () => {
    for (const [id, view] of Object.entries(others())) known.set(id, nameOf(view));
  };
  log.onChange(() => {
    remember();
    setMessages(log.messages.slice());
    setUnread(log.unread);
  });
  files.onChange(() => {
    remember();
    setTransfers(files.list());
  });
  remember();
  setUnread(log.unread);
  const chat: ChatInternals = {
    log,
    files,
    messages,
    transfers,
    others,
    nameOf(peerId) {
      const view = others()[peerId];
      return view ? nameOf(view) : known.get(peerId);
    },
    unread,
    hasMessages: () => messages().length > 0,
    dispose() {
      log.dispose();
      files.dispose();
    },
  };
  return chat;
}

const internals = (chat: CallChat) => chat as ChatInternals;

const problemText: Record<Exclude<TransferProblem, "busy">, MessageKey> = {
  cancelled: "fileFailedCancelled",
  checksum: "fileFailedChecksum",
  lost: "fileFailedLost",
  refused: "fileFailedRefused",
  unreadable: "fileFailedUnreadable",
  silenced: "fileFailedSilenced",
};

const LABELS: Record<string, MessageKey> = {
  patient: "chatLabelPatient",
  relative: "chatLabelRelative",
  interpreter: "chatLabelInterpreter",
  colleague: "chatLabelColleague",
};

/**
 * The invitation label a participant came with, when the room says one (newer rooms do): a preset in
 * the page's language, or the practice's own words as typed.
 */
function labelOf(participant: Participant): string | undefined {
  const label = "label" in participant ? participant.label : undefined;
  if (typeof label !== "string" || !label) return undefined;
  const key = Object.hasOwn(LABELS, label) ? LABELS[label] : undefined;
  return key ? t(key) : label;
}

/** How a person is named in the recipient choice: their name and, when they have one, their label. */
function recipientName(named: Named): string {
  const label = labelOf(named.participant);
  const name = nameOf(named);
  return label ? `${name} (${label})` : name;
}

/** A refusal because another file was arriving reads differently for the one who sent and the one who refused. */
function problemKey(transfer: Transfer): MessageKey {
  const problem = transfer.problem ?? "lost";
  if (problem !== "busy") return problemText[problem];
  return transfer.direction === "out" ? "fileFailedBusyOut" : "fileFailedBusyIn";
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

function TransferRow(props: { transfer: Transfer; from: string; to?: string; cancel(): void }) {
  const tr = () => props.transfer;
  return (
    <li class="transfer" data-testid="file-transfer" data-state={tr().state} data-sha256={tr().sha256}>
      {/* Who sent it, as chat messages say: on a phone two files from both sides look alike otherwise. */}
      <span class="who" data-testid="file-from">
        {props.from}
      </span>
      {/* In a group a file to everyone is one transfer per person: each row says whom it goes to. */}
      <Show when={props.to}>
        {(to) => (
          <span class="who" data-testid="file-to">
            {tf("fileTo", { name: to() })}
          </span>
        )}
      </Show>
      <span class="file-name">{tr().name}</span>
      <Switch>
        <Match when={tr().state === "waiting"}>
          <span class="muted">{t("fileWaiting")}</span>
          <button type="button" class="secondary small" onClick={() => props.cancel()}>
            {t("fileCancel")}
          </button>
        </Match>
        <Match when={tr().state === "sending" || tr().state === "receiving"}>
          <progress max={Math.max(tr().size, 1)} value={tr().bytes} aria-label={tr().name} />
          <span class="muted">
            {t(tr().state === "sending" ? "fileSending" : "fileReceiving")} · {megabytes(tr().bytes)} /{" "}
            {megabytes(tr().size)}
          </span>
          <button type="button" class="secondary small" onClick={() => props.cancel()}>
            {t("fileCancel")}
          </button>
        </Match>
        <Match when={tr().state === "done"}>
          <span class="ok">{t("fileDone")}</span>
          <Show when={tr().url}>
            {(url) => (
              <a class="button-link" href={url()} download={tr().name} data-testid="file-download">
                {t("fileDownload")}
              </a>
            )}
          </Show>
        </Match>
        <Match when={tr().state === "failed"}>
          <span class="error">{t(problemKey(tr()))}</span>
        </Match>
      </Switch>
    </li>
  );
}

export function ChatPanel(props: {
  chat: CallChat;
  open: boolean;
  onClose(): void;
  names: { me: string; them?: string };
  droppedMessages: number;
}): JSX.Element {
  const chat = () => internals(props.chat);
  const [problem, setProblem] = createSignal<MessageKey>();
  /** Another participant's name, as the chat shows it. */
  const nameOf = (peerId: string) => chat().nameOf(peerId) ?? props.names.them ?? "";
  // Nobody silenced is offered a file: their answers would not be heard.
  const silenced = createMemo(
    () =>
      new Set(
        chat()
          .messages()
          .flatMap((entry) => (entry.kind === "silenced" ? [entry.from] : [])),
      ),
  );
  const others = () =>
    Object.entries(chat().others())
      .filter(([id]) => !silenced().has(id))
      .map(([id, view]) => ({ id, participant: view.participant, told: view.told }));
  // With one other person "everyone" is them: the choice shows from two others on.
  const choosing = () => others().length >= 2;
  const [chosen, setChosen] = createSignal<string>("all");
  // Someone chosen who left: the choice goes back to everyone, and shows it.
  const recipient = createMemo(() => {
    const id = chosen();
    return choosing() && others().some((other) => other.id === id) ? id : "all";
  });
  const chosenRecipient = (): Recipient => {
    const id = recipient();
    return id === "all" ? "all" : { peer: id };
  };
  /**
   * Whom the file picker was opened for. The picker's dialog stays open for a while: if the chosen
   * person leaves meanwhile, the file must not go to everyone instead (it fails as not connected). A
   * file dropped on the input opens no picker: it goes to whom the choice shows then.
   */
  let pickedFor: Recipient | undefined;
  const group = () =>
    choosing() ||
    new Set(
      chat()
        .transfers()
        .flatMap((tr) => (tr.direction === "out" ? [tr.peer] : [])),
    ).size > 1;
  let input!: HTMLTextAreaElement;
  let list!: HTMLOListElement;

  // Whether the person is at the newest message. Scrolling up to read an older one stops the list
  // following new ones, so it does not jump away from what they read; back at the end, it follows again.
  let following = true;
  const toNewest = () => {
    list.scrollTop = list.scrollHeight;
  };
  const onScroll = () => {
    following = list.scrollHeight - list.scrollTop - list.clientHeight < 32;
  };

  // While the panel shows, incoming messages count as read; focus goes to the input when it opens,
  // and the list shows the newest message.
  createEffect(() => {
    chat().log.setVisible(props.open);
    if (!props.open) return;
    input.focus();
    following = true;
    toNewest();
  });
  onCleanup(() => chat().log.setVisible(false));

  // A new message or file (or a transfer's progress) keeps the newest in view while the person follows.
  createEffect(() => {
    chat().messages();
    chat().transfers();
    if (props.open && following) toNewest();
  });

  function send(event?: Event) {
    event?.preventDefault();
    const result = chat().log.send(input.value);
    if (result === "sent") {
      input.value = "";
      setProblem(undefined);
      // One's own message is always shown, wherever the list was.
      following = true;
      queueMicrotask(toNewest);
    } else if (result === "too-long") setProblem("chatTooLong");
    else if (result === "not-connected") setProblem("chatNotConnected");
  }

  async function sendFile(event: Event & { currentTarget: HTMLInputElement }) {
    const picker = event.currentTarget;
    const file = picker.files?.[0];
    picker.value = "";
    const to = pickedFor ?? chosenRecipient();
    pickedFor = undefined;
    if (!file) return;
    const result = await chat().files.send(file, file.name, to);
    setProblem(result === "too-large" ? "fileTooLarge" : result === "not-connected" ? "chatNotConnected" : undefined);
  }

  return (
    <section
      class="chat-panel"
      hidden={!props.open}
      aria-labelledby="chat-title"
      onKeyDown={(event) => {
        // Escape closes it, as the other panels: the focus goes back to the Chat button (onClose).
        if (event.key !== "Escape" || event.isComposing) return;
        event.preventDefault();
        props.onClose();
      }}
    >
      <header>
        <h2 id="chat-title">{t("chatTitle")}</h2>
        <button type="button" class="secondary small" onClick={() => props.onClose()}>
          {t("chatClose")}
        </button>
      </header>
      <Show when={props.droppedMessages > 0}>
        <p class="error" role="status">
          {t("chatDropped")}
        </p>
      </Show>
      {/* Focusable, so a keyboard can scroll back through a long chat (the arrow keys scroll it). */}
      <ol class="chat-list" ref={list} aria-live="polite" aria-labelledby="chat-title" tabindex="0" onScroll={onScroll}>
        <Show when={chat().messages().length === 0 && chat().transfers().length === 0}>
          <li class="muted">{t("chatEmpty")}</li>
        </Show>
        <For each={chat().messages()}>
          {(entry) => (
            <Switch>
              <Match when={entry.kind === "message" && entry}>
                {(message) => (
                  <li class={message().from === "me" ? "mine" : "theirs"} data-testid="chat-message">
                    <span class="who">
                      {message().from === "me" ? props.names.me : nameOf(message().from)} · {formatTime(message().at)}
                    </span>
                    <span class="text">{message().text}</span>
                  </li>
                )}
              </Match>
              <Match when={entry.kind === "silenced"}>
                <li class="notice" data-testid="chat-notice" data-peer={entry.from}>
                  {tf("chatSilenced", { name: nameOf(entry.from) })}
                </li>
              </Match>
            </Switch>
          )}
        </For>
        <For each={chat().transfers()}>
          {(transfer) => (
            <TransferRow
              transfer={transfer}
              from={transfer.direction === "out" ? props.names.me : nameOf(transfer.peer)}
              to={transfer.direction === "out" && group() ? nameOf(transfer.peer) : undefined}
              cancel={() => chat().files.cancel(transfer.key)}
            />
          )}
        </For>
      </ol>
      <div class="chat-extras">
        <Show when={choosing()}>
          <label class="file-pick">
            {t("fileRecipient")}
            <select
              data-testid="file-recipient"
              value={recipient()}
              onChange={(event) => {
                setChosen(event.currentTarget.value);
                // A picker opened before (and cancelled) no longer says whom for.
                pickedFor = undefined;
              }}
            >
              <option value="all">{t("fileToEveryone")}</option>
              <For each={others()}>{(other) => <option value={other.id}>{recipientName(other)}</option>}</For>
            </select>
          </label>
        </Show>
        <label class="file-pick file-send">
          {t("fileChoose")}
          <input
            type="file"
            data-testid="file-input"
            onClick={() => {
              pickedFor = chosenRecipient();
            }}
            onChange={(event) => void sendFile(event)}
          />
        </label>
        <SaveChatButton chat={props.chat} names={props.names} />
      </div>
      <Show when={problem()}>
        {(key) => (
          <p class="error" role="alert">
            {t(key())}
          </p>
        )}
      </Show>
      <form class="chat-form" onSubmit={send}>
        <label class="visually-hidden" for="chat-input">
          {t("chatMessageLabel")}
        </label>
        <textarea
          id="chat-input"
          ref={input}
          rows={2}
          data-testid="chat-input"
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey) send(event);
          }}
        />
        <button type="submit" data-testid="chat-send">
          {t("chatSend")}
        </button>
      </form>
    </section>
  );
}

/**
 * The files received in the call, on the ended page: they live only in this window, so they are offered
 * once more before it goes (a patient who never pressed Save on the doctor's letter would lose it).
 */
export function ReceivedFiles(props: { chat: CallChat }): JSX.Element {
  const received = () =>
    internals(props.chat)
      .transfers()
      .filter((transfer) => transfer.direction === "in" && transfer.state === "done" && transfer.url);
  return (
    <Show when={received().length > 0}>
      <section class="ended-files" aria-labelledby="ended-files-heading" data-testid="ended-files">
        <h2 id="ended-files-heading">{t("endedFilesHeading")}</h2>
        <p class="muted">{t("endedFilesHint")}</p>
        <ul>
          <For each={received()}>
            {(transfer) => (
              <li>
                <a class="button-link" href={transfer.url} download={transfer.name} data-testid="ended-file-download">
                  {tf("endedFileSave", { name: transfer.name })}
                </a>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}

/** Saves the transcript as a text file on this device; renders nothing while there is nothing to save. */
export function SaveChatButton(props: { chat: CallChat; names: { me: string; them?: string } }): JSX.Element {
  function save() {
    const chat = internals(props.chat);
    const nameOf = (from: string) => (from === "me" ? props.names.me : (chat.nameOf(from) ?? props.names.them ?? "—"));
    const text = chat.log.asText(nameOf, (ms) => formatTime(ms));
    const name = `consultation-chat-${new Date().toISOString().slice(0, 10)}.txt`;
    saveFile(name, new Blob([text], { type: "text/plain;charset=utf-8" }));
  }
  return (
    <Show when={props.chat.hasMessages()}>
      <button type="button" class="secondary" data-testid="chat-save" onClick={save}>
        {t("chatSave")}
      </button>
    </Show>
  );
}
