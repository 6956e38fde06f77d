// Adding a catalog source: a directory on this computer (its catalog files are uploaded) or a git
// repository the server clones. The page then follows the read as a job.
import { type FormEvent, useState } from 'react';
import type { NewSource } from '../../api/catalog.ts';
import { type ChosenFile, directoryUpload } from '../../api/directory-upload.ts';

type Kind = 'upload' | 'git';

export function AddSourceForm({ busy, onAdd }: { busy: boolean; onAdd: (source: NewSource) => void }) {
  const [kind, setKind] = useState<Kind>('upload');
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [url, setUrl] = useState('');
  const [reading, setReading] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (kind === 'git') return onAdd({ kind: 'git', url: url.trim() });
    setReading(true);
    try {
      onAdd(await directoryUpload(files));
    } finally {
      setReading(false);
    }
  };

  return (
    <form className="card admin-form" onSubmit={submit} aria-labelledby="new-source-title">
      <h2 id="new-source-title" className="card__title card__title--plain">
        Add a source
      </h2>
      <fieldset className="field">
        <legend className="field__label">Read the catalog from</legend>
        <label className="checkbox">
          <input
            type="radio"
            name="source-kind"
            checked={kind === 'upload'}
            onChange={() => setKind('upload')}
          />
          <span>
            A directory on this computer (its catalog files are uploaded; add it again to update it)
          </span>
        </label>
        <label className="checkbox">
          <input type="radio" name="source-kind" checked={kind === 'git'} onChange={() => setKind('git')} />
          <span>A git repository (the server clones it, and fetches it on “Read again”)</span>
        </label>
      </fieldset>
      {kind === 'upload' ? (
        <label className="field">
          <span className="field__label">Directory</span>
          <input
            type="file"
            required
            multiple
            {...{ webkitdirectory: '' }}
            onChange={(event) => setFiles([...(event.target.files ?? [])])}
          />
          {files.length > 0 && (
            <span className="muted">
              {files[0]?.webkitRelativePath.split('/')[0]}: {files.length} files chosen
            </span>
          )}
        </label>
      ) : (
        <label className="field">
          <span className="field__label">Repository URL</span>
          <input
            required
            maxLength={2000}
            placeholder="https://github.com/acme/catalog.git or git@github.com:acme/catalog.git"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
          />
        </label>
      )}
      <button type="submit" className="button button--primary" disabled={busy || reading}>
        {reading ? 'Reading files…' : 'Add source'}
      </button>
    </form>
  );
}
