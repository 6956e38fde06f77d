// What the portal's end-to-end tests share: Steward serving the built portal with the demo
// organisation on a free port, Chromium driven through playwright-core, signing in, and the demo's
// own files read directly (so tests check what the portal shows against the source, not itself).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { LineCounter, parseAllDocuments } from 'yaml';
import { type SpawnedSteward, spawnSteward } from '../../../steward/src/server/test-serve.ts';

export const repoRoot = resolve(import.meta.dirname, '../../../..');
export const artifacts = join(repoRoot, 'test-artifacts');
export const demoDir = join(repoRoot, 'examples/acme');
export const demoPassword = 'steward-demo';
const chromiumPath = '/usr/bin/chromium';

export interface Portal {
  /** `steward serve --demo` as an operator starts it, on PGlite in its own data directory. */
  steward: SpawnedSteward;
  browser: BrowserContext;
  page: Page;
  /** Uncaught errors in the page; every test expects none. */
  pageErrors: string[];
  dataDir: string;
  /** A second browser with a profile of its own (its own cookies): another person at another desk. */
  openAnotherBrowser(): Promise<OpenBrowser>;
  close(): Promise<void>;
}

/** `env`: more of the server's environment, e.g. STEWARD_PROMETHEUS_URL. */
export async function startPortal(options: { env?: Record<string, string> } = {}): Promise<Portal> {
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  const webDir = join(repoRoot, 'packages/web/dist');
  if (!existsSync(join(webDir, 'index.html'))) {
    throw new Error(`the portal is not built (${webDir}/index.html is missing): run \`npm run build\` first`);
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install chromium)`);
  }
  const steward = await spawnSteward({ args: ['--demo'], ...(options.env ? { env: options.env } : {}) });
  const dataDir = steward.dataDir;
  const { browser, page, pageErrors } = await launchChromium(tempDir('steward-e2e-chromium-'));
  const others: BrowserContext[] = [];
  return {
    steward,
    browser,
    page,
    pageErrors,
    dataDir,
    async openAnotherBrowser() {
      const other = await launchChromium(tempDir('steward-e2e-chromium-'));
      others.push(other.browser);
      return other;
    },
    async close() {
      for (const other of others) await other.close();
      await browser.close();
      await steward.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OpenBrowser {
  browser: BrowserContext;
  page: Page;
  pageErrors: string[];
}

async function launchChromium(profileDir: string): Promise<OpenBrowser> {
  const browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 800 },
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { browser, page, pageErrors };
}

/** Fills the sign-in form that any page shows to someone signed out, and waits for the frame. */
export async function signIn(page: Page, handle: string, password = demoPassword): Promise<void> {
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectSignedIn(page);
}

/** Waits for the signed-in frame; if the form shows a problem instead, fails with its words. */
export async function expectSignedIn(page: Page): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Areas' });
  const problem = page.getByRole('alert');
  await nav.or(problem).first().waitFor();
  if (await problem.isVisible()) throw new Error(`sign-in failed: ${await problem.textContent()}`);
}

/** A demo catalog entity as written, with the line its document starts on. */
export interface DemoEntity {
  kind: string;
  metadata: {
    name: string;
    title?: string;
    description?: string;
    tags?: string[];
    links?: { url: string; type?: string }[];
  };
  // biome-ignore lint/suspicious/noExplicitAny: entity specs differ by kind; the tests read the fields they check
  spec: any;
  file: string;
  line: number;
}

/** Every entity in a demo file (a path under examples/acme), in file order. */
export function readDemoEntities(file: string): DemoEntity[] {
  const lineCounter = new LineCounter();
  const text = readFileSync(join(demoDir, file), 'utf8');
  return parseAllDocuments(text, { lineCounter }).flatMap((doc) => {
    const entity = doc.toJS() as Omit<DemoEntity, 'file' | 'line'> | null;
    if (!entity) return [];
    const offset = doc.contents?.range?.[0] ?? 0;
    return [{ ...entity, file, line: lineCounter.linePos(offset).line }];
  });
}
