// Runs before the app: picks dark or light from the saved choice, else from the system setting.
(function () {
  var saved = null;
  try { saved = localStorage.getItem('switchboard.theme'); } catch { /* storage may be blocked */ }
  var dark = saved === 'dark' || (saved !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
})();
