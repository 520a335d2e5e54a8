// The dashboard's shell: a page per hash route (#/resources, #/traces/<id>, ...), each shown in <main> until the next.
import * as resources from './resources.js';
import * as consoleLogs from './console.js';
import * as traces from './traces.js';
import * as logs from './logs.js';
import * as metrics from './metrics.js';

const pages = { resources, console: consoleLogs, traces, logs, metrics };
let leavePage = () => {};

function route() {
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...rest] = path.split('/').map(decodeURIComponent);
  const page = pages[name] ? name : 'resources';
  leavePage();
  const main = document.getElementById('page');
  main.replaceChildren();
  main.dataset.page = page;
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('active', link.dataset.page === page);
  }
  // Each page returns what stops it: its event streams and timers end when another page is shown.
  leavePage = pages[page].show(main, rest, new URLSearchParams(query ?? '')) ?? (() => {});
}

window.addEventListener('hashchange', route);
route();
