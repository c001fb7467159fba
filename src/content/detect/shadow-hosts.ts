/** Finds the open shadow roots (and custom elements still without one) that a scan must enter too. */

/**
 * Empty elements, leaving out the tags that are empty by nature (icons,
 * images, cells): a widget's host (`<pretalx-schedule>`, a mount-point
 * `<div>`) has no light-DOM content, so it is among these. (A host with
 * light-DOM content of its own is not found this way.)
 */
const EMPTY_HOSTS = ':empty:not(span,i,img,br,input,hr,path,td,th,li,p,a,button,source,meta,link,col,wbr,option,use,script,style,svg,g,rect,circle,polygon,line,iframe,video,audio,canvas,textarea,select)';

/**
 * Open shadow roots of the empty elements under `scope`, and custom
 * elements without one yet (they may get one when their script loads). One
 * native query that wraps only what it returns; a walk over every element
 * would wrap them all.
 */
export function findHosts(scope: Node, onShadowRoot: (root: ShadowRoot) => void, onCustomElement?: (el: Element) => void): void {
  // An element inserted by the page may be a host itself (a widget added after load).
  if (scope.nodeType === 1) checkHost(scope as Element, onShadowRoot, onCustomElement);
  // Without a child element there is nothing to query (a mutation batch is mostly such leaves and small blocks).
  if (!(scope as Partial<ParentNode>).firstElementChild) return;
  // Most subtrees hold no such element: one query that stops at the first, and no list to build.
  if (!(scope as ParentNode).querySelector(EMPTY_HOSTS)) return;
  const els = (scope as ParentNode).querySelectorAll(EMPTY_HOSTS);
  for (let i = 0; i < els.length; i++) checkHost(els[i]!, onShadowRoot, onCustomElement);
}

/** Reports `el`'s open shadow root, or `el` itself if it is a custom element without one yet. */
function checkHost(el: Element, onShadowRoot: (root: ShadowRoot) => void, onCustomElement?: (el: Element) => void): void {
  const sr = el.shadowRoot;
  if (sr) onShadowRoot(sr);
  else if (onCustomElement && el.localName.includes('-')) onCustomElement(el);
}
