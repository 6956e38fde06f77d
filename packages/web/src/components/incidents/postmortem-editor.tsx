// The postmortem editor: Markdown on the left, its preview on the right, saved with the version it was
// loaded at. If someone saved in between, the 409's text is shown beside yours, which stays in the
// editor; saving again goes over their version once you have merged.
import { useId, useState } from 'react';
import { type Postmortem, postmortemDownloadPath, savePostmortem } from '../../api/incidents.ts';
import { useAction } from '../../api/use-action.ts';
import { asApiError } from '../../api/use-resource.ts';
import { ProblemMessage } from '../problem-message.tsx';
import { formatDateTime } from '../time-format.ts';
import { renderMarkdown } from './markdown.ts';
import { type PostmortemConflict, postmortemConflictOf } from './postmortem-conflict.ts';

export function PostmortemEditor({ initial }: { initial: Postmortem }) {
  const id = useId();
  const [text, setText] = useState(initial.markdown);
  const [saved, setSaved] = useState(initial);
  const [conflict, setConflict] = useState<PostmortemConflict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { busy, run } = useAction();
  const base = conflict?.version ?? saved.version;
  const save = () =>
    run(async () => {
      setError(null);
      try {
        setSaved(await savePostmortem(initial.incidentId, text, base));
        setConflict(null);
      } catch (caught) {
        const found = postmortemConflictOf(caught);
        if (found) setConflict(found);
        else setError(caught);
      }
    });
  const changed = text !== saved.markdown;
  return (
    <section className="card postmortem" aria-labelledby={`${id}-title`}>
      <div className="card__title--split">
        <h2 id={`${id}-title`} className="card__title card__title--plain">
          Postmortem
        </h2>
        <span className="muted" aria-live="polite">
          Version {saved.version}, saved {formatDateTime(saved.updatedAt)} by {saved.updatedBy}
          {changed && ' (unsaved changes)'}
        </span>
      </div>
      {error !== null && <ProblemMessage error={asApiError(error)} />}
      {conflict && (
        <div className="problem" role="alert">
          <p className="problem__title">
            {conflict.updatedBy} saved version {conflict.version} while you were editing
          </p>
          <p className="problem__detail">
            Your text is kept in the editor. Their text is below: merge what you need from it, then save again
            (it will replace version {conflict.version}).
          </p>
          <label className="field">
            <span className="field__label">Their text (version {conflict.version})</span>
            <textarea readOnly rows={8} value={conflict.markdown} className="postmortem__theirs" />
          </label>
        </div>
      )}
      <div className="columns columns--even">
        <label className="field">
          <span className="field__label">Markdown</span>
          <textarea
            className="postmortem__text"
            rows={24}
            spellCheck
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        {/* It scrolls on its own, so keyboards must be able to reach it. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region needs a tab stop */}
        <section className="postmortem__preview" aria-label="Preview" tabIndex={0}>
          {/* Safe: markdown.ts renders raw HTML as text and drops untrusted links. */}
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the renderer allows no raw HTML */}
          <div className="content" dangerouslySetInnerHTML={{ __html: renderMarkdown(text) }} />
        </section>
      </div>
      <div className="admin-form__row">
        <button
          type="button"
          className="button button--primary"
          disabled={busy || (!changed && !conflict)}
          onClick={save}
        >
          {busy ? 'Saving…' : 'Save'}
        </button>
        <a className="button button--secondary" href={postmortemDownloadPath(initial.incidentId)} download>
          Download .md
        </a>
      </div>
    </section>
  );
}
