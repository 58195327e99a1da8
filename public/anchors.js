// Heading ids in an article body carry the sanitizer's `user-content-` prefix, which keeps
// untrusted ids from clobbering the page's own names. Links saved from the blog's Hexo days
// use the bare id (`/post/#How-the-desk-works`): take them to the heading all the same.
const PREFIX = 'user-content-';

function followBareHash() {
  let id;
  try {
    id = decodeURIComponent(location.hash.slice(1));
  } catch {
    return;
  }
  if (id === '' || id.startsWith(PREFIX) || document.getElementById(id)) return;
  const target = document.getElementById(PREFIX + id);
  if (!target) return;
  history.replaceState(history.state, '', `#${encodeURIComponent(PREFIX + id)}`);
  target.scrollIntoView();
}

followBareHash();
addEventListener('hashchange', followBareHash);
