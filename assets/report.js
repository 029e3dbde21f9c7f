(function(){'use strict';
var tb=document.getElementById('rows');if(!tb)return;
var rows=Array.prototype.slice.call(tb.rows),hay=rows.map(function(r){
return (r.getAttribute('data-q')||r.textContent).toLowerCase();});
var q=document.getElementById('q'),cnt=document.getElementById('count'),
pg=document.getElementById('pager'),prev=document.getElementById('prev'),
next=document.getElementById('next'),info=document.getElementById('pageinfo'),
none=document.getElementById('none'),PAGE=100,page=0,hits=rows;
function show(){var n=hits.length,pages=Math.max(1,Math.ceil(n/PAGE));if(page>=pages)page=pages-1;
var a=page*PAGE,b=Math.min(n,a+PAGE);
rows.forEach(function(r){r.hidden=true;});
for(var i=a;i<b;i++)hits[i].hidden=false;
cnt.textContent=n===rows.length?n+(n===1?' story':' stories'):n+' of '+rows.length+' stories';
none.hidden=n>0;pg.hidden=pages<2;prev.disabled=page===0;next.disabled=page>=pages-1;
info.textContent='page '+(page+1)+' of '+pages;}
function filter(){var t=q.value.toLowerCase().split(/\s+/).filter(Boolean);
hits=rows.filter(function(r,i){return t.every(function(w){return hay[i].indexOf(w)>=0;});});
page=0;show();}
q.addEventListener('input',filter);
prev.addEventListener('click',function(){page--;show();});
next.addEventListener('click',function(){page++;show();});
document.getElementById('tools').hidden=false;filter();
var orig=rows.slice(),sortKey=null,sortDir=1;
Array.prototype.forEach.call(document.querySelectorAll('th[data-sort]'),function(th){
th.tabIndex=0;th.title='Sort';th.classList.add('sortable');
function go(){var k=th.getAttribute('data-sort');sortDir=sortKey===k?-sortDir:1;sortKey=k;
var idx=new Map(orig.map(function(r,i){return [r,i];}));
var pairs=orig.map(function(r,i){return [r,hay[i]];});
pairs.sort(function(a,b){var x=a[0].getAttribute('data-'+k),y=b[0].getAttribute('data-'+k);
var c=k==='d'?(x<y?-1:x>y?1:0):(Number(x)-Number(y));
return c?-c*sortDir:idx.get(a[0])-idx.get(b[0]);});
rows=pairs.map(function(p){return p[0];});hay=pairs.map(function(p){return p[1];});
var f=document.createDocumentFragment();rows.forEach(function(r){f.appendChild(r);});tb.appendChild(f);
Array.prototype.forEach.call(document.querySelectorAll('th[data-sort]'),function(t){
t.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',sortDir>0?'descending':'ascending');filter();}
th.addEventListener('click',go);
th.addEventListener('keydown',function(e){if(e.key==='Enter')go();});});
var blocks={};
function scan(){Array.prototype.forEach.call(document.querySelectorAll(
'script[type="text/x-concord-story"]'),function(s){blocks[s.getAttribute('data-story')]=s;});}
function storyOf(h){for(var c=h;c;){if(blocks[c])return c;var e=document.getElementById(c);
if(e&&e.classList.contains('story'))return c;var k=c.lastIndexOf('-');if(k<=0)break;c=c.slice(0,k);}
return null;}
function render(a,done){var s=blocks[a];if(!s){done(document.getElementById(a));return;}
delete blocks[a];
function put(html){var t=document.createElement('template');t.innerHTML=html;
s.parentNode.replaceChild(t.content,s);done(document.getElementById(a));}
if(typeof DecompressionStream==='undefined'){put('<section class="story" id="'+a+'">
<p class="card">This browser cannot unpack the story pages of a large report; 
a current Chrome, Firefox or Safari can.</p></section>');return;}
var bin=atob(s.textContent),u=new Uint8Array(bin.length);
for(var i=0;i<bin.length;i++)u[i]=bin.charCodeAt(i);
new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream('gzip'))).text()
.then(put);}
var navs=0;
function nav(){scan();var h=location.hash.slice(1);try{h=decodeURIComponent(h);}catch(e){}
var a=h?storyOf(h):null,me=++navs;
function show(sec){if(me!==navs)return;
Array.prototype.forEach.call(document.querySelectorAll('.story.open'),function(x){
if(x!==sec)x.classList.remove('open');});
document.body.classList.toggle('reading',!!sec);
if(sec){sec.classList.add('open');var t=document.getElementById(h);
if(t){if(t.tagName==='DETAILS')t.open=true;t.scrollIntoView();}}}
if(a)render(a,show);else show(null);}
window.addEventListener('hashchange',nav);
if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',nav);else nav();
})();
(function(){'use strict';
function setup(){Array.prototype.forEach.call(document.querySelectorAll('table.net'),function(t){
var tb=t.tBodies[0];if(!tb)return;
var orig=Array.prototype.slice.call(tb.rows),pos=new Map(orig.map(function(r,i){return [r,i];})),key=-1,dir=1;
Array.prototype.forEach.call(t.querySelectorAll('th[data-k]'),function(th){
th.tabIndex=0;th.title='Sort';th.classList.add('sortable');
var num=th.getAttribute('data-k')==='n';
function val(r){var c=r.cells[th.cellIndex];if(!c)return num?-Infinity:'';
if(!num)return c.textContent.toLowerCase();
var v=c.getAttribute('data-v');return v===null||v===''?-Infinity:Number(v);}
function go(){dir=key===th.cellIndex?-dir:1;key=th.cellIndex;
var rows=orig.slice().sort(function(a,b){var x=val(a),y=val(b),c=x<y?-1:x>y?1:0;
return c?(num?-c:c)*dir:pos.get(a)-pos.get(b);});
var f=document.createDocumentFragment();rows.forEach(function(r){f.appendChild(r);});tb.appendChild(f);
Array.prototype.forEach.call(t.querySelectorAll('th[data-k]'),function(x){x.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',(num?dir>0:dir<0)?'descending':'ascending');}
th.addEventListener('click',go);
th.addEventListener('keydown',function(e){if(e.key==='Enter')go();});});});}
if(document.readyState==='loading')document.addEventListener('DOMContentLoaded',setup);else setup();
})();
