// Takes docs/img/labeling.png: the Label Studio labeling interface with the seed pre-annotated.
//
// Needs Debian's chromium (apt-get install chromium) and puppeteer-core (no browser download):
//   mkdir -p /tmp/shot && (cd /tmp/shot && PUPPETEER_SKIP_DOWNLOAD=1 npm install puppeteer-core@23)
//   export HEARSAY_STUDIO_HOME=/tmp/shot/home            # a throw-away server, not your own
//   hearsay studio up
//   hearsay studio push --predictions annotations/gold/hearsay.jsonl --model-version seed-draft
//   NODE_PATH=/tmp/shot/node_modules node docs/img/labeling_screenshot.js docs/img/labeling.png "About 12,000"
//   hearsay studio down
// The login comes from $HEARSAY_STUDIO_HOME/credentials.json; nothing secret is printed.
const puppeteer = require('puppeteer-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const home = process.env.HEARSAY_STUDIO_HOME;
const [out, select] = process.argv.slice(2);
const state = JSON.parse(fs.readFileSync(path.join(home, 'server.json')));
const creds = JSON.parse(fs.readFileSync(path.join(home, 'credentials.json')));
const headers = {Authorization: `Token ${creds.token}`};

(async () => {
  const api = async (p) => (await fetch(`${state.url}${p}`, {headers})).json();
  const project = (await api('/api/projects/?title=Hearsay')).results[0];
  const tasks = (await api(`/api/tasks/?project=${project.id}&page_size=1000&fields=task_only`)).tasks;
  const task = tasks.find((t) => t.data.doc_id === 'conflict-2024-11-12-kursk');

  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--lang=en-US',
           `--user-data-dir=${fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'))}`],
    defaultViewport: {width: 1600, height: 1100, deviceScaleFactor: 1},
  });
  const page = await browser.newPage();
  await page.goto(`${state.url}/user/login/`, {waitUntil: 'networkidle2'});
  await page.type('input[name=email]', creds.username);
  await page.type('input[name=password]', creds.password);
  await Promise.all([page.waitForNavigation({waitUntil: 'networkidle2'}), page.click('button[type=submit]')]);
  await page.goto(`${state.url}/projects/${project.id}/data?task=${task.id}`, {waitUntil: 'networkidle2'});
  await new Promise((r) => setTimeout(r, 6000));
  if (select) {  // select a region so its attributes show
    const found = await page.$$(`::-p-text(${select})`);
    if (found.length) { await found[found.length - 1].click(); await new Promise((r) => setTimeout(r, 1500)); }
  }
  await page.screenshot({path: out});
  await browser.close();
})().catch((e) => { console.error(e.message); process.exit(1); });
