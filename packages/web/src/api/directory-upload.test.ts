import { describe, expect, it } from 'vitest';
import { directoryUpload, uploadPath } from './directory-upload.ts';

describe('a directory chosen in the browser', () => {
  it('sends catalog-looking files by their path inside the directory', () => {
    expect(uploadPath('acme/catalog-info.yaml')).toBe('catalog-info.yaml');
    expect(uploadPath('acme/services/api/openapi.JSON')).toBe('services/api/openapi.JSON');
    expect(uploadPath('acme/.github/CODEOWNERS')).toBe('.github/CODEOWNERS');
    expect(uploadPath('acme/.gitlab/CODEOWNERS')).toBe('.gitlab/CODEOWNERS');
    expect(uploadPath('acme/CODEOWNERS')).toBe('CODEOWNERS');
    expect(uploadPath('acme/docs/CODEOWNERS')).toBe('docs/CODEOWNERS');
    expect(uploadPath('acme/schema.graphql')).toBe('schema.graphql');
  });

  it('leaves out hidden folders, node_modules, other files and the directory itself', () => {
    expect(uploadPath('acme/.git/config.yaml')).toBeNull();
    expect(uploadPath('acme/.github/workflows/ci.yaml')).toBeNull();
    expect(uploadPath('acme/node_modules/x/package.json')).toBeNull();
    expect(uploadPath('acme/main.go')).toBeNull();
    expect(uploadPath('acme/README.md')).toBeNull();
    expect(uploadPath('catalog-info.yaml')).toBeNull();
  });

  it('names the upload after the directory and reads what it sends', async () => {
    const file = (webkitRelativePath: string, content: string) => ({
      webkitRelativePath,
      size: content.length,
      text: async () => content,
    });
    const upload = await directoryUpload([
      file('acme/catalog-info.yaml', 'kind: Group'),
      file('acme/src/index.ts', 'export {}'),
      file('acme/team/users.yml', 'kind: User'),
    ]);
    expect(upload).toEqual({
      kind: 'upload',
      name: 'acme',
      files: [
        { path: 'catalog-info.yaml', content: 'kind: Group' },
        { path: 'team/users.yml', content: 'kind: User' },
      ],
    });
  });
});
