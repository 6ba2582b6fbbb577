/*
 * What the start is doing when it takes long, for the shell to show before
 * the window opens. An ordinary start takes a tenth of a second, but the first
 * start after an update with a pending migration copies the store first and
 * may rewrite whole tables: at a million cases ≈ 2 minutes of backup and
 * 2 more of migration (docs/performance.md), during which a desktop app that
 * showed nothing would look dead and get killed half-way.
 */

export type StartProgress =
  /**
   * A restore asked for in the last session: the store being replaced is kept as a backup (`copying: 'current'`),
   * then the chosen backup is copied into place (`'backup'`), each copy's bytes done of its size.
   */
  | { phase: 'restore'; fileName: string; copying: 'current' | 'backup'; copiedBytes: number; totalBytes: number }
  /** The copy made before migrating: SQLite's pages copied of the store's total. */
  | { phase: 'backup'; copiedPages: number; totalPages: number }
  /** Migration `step` of `steps` is running (one transaction for all: a failure leaves the store as it was). */
  | { phase: 'migrate'; step: number; steps: number; name: string }

export type StartProgressListener = (progress: StartProgress) => void

/** Share done, 0–100, or null where none can be known (a migration's statements). */
export function progressPercent(progress: StartProgress): number | null {
  if (progress.phase === 'migrate') return null
  const [done, total] =
    progress.phase === 'backup'
      ? [progress.copiedPages, progress.totalPages]
      : [progress.copiedBytes, progress.totalBytes]
  if (total <= 0) return 0
  return Math.min(100, Math.floor((100 * done) / total))
}

/** The line the start window (or the browser mode's terminal) shows, in zh-CN. */
export function startProgressText(progress: StartProgress): string {
  if (progress.phase === 'restore') {
    return progress.copying === 'current'
      ? `恢复前正在保留当前数据库：已完成 ${progressPercent(progress)}%`
      : `正在从备份 ${progress.fileName} 恢复数据库：已完成 ${progressPercent(progress)}%`
  }
  if (progress.phase === 'backup') {
    return `升级前正在备份数据库：已完成 ${progressPercent(progress)}%`
  }
  return `正在升级数据库结构：第 ${progress.step} / ${progress.steps} 步`
}

/** Said under the line while any phase runs. */
export const START_PROGRESS_HINT = '数据较多时需要几分钟，请勿关闭程序。'

/**
 * The start window's page (electron/main/window.ts): no script of its own
 * (its policy allows none), so the main process writes each line into it
 * with startPageUpdate.
 */
export const START_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>人民调解案件管理</title>
<style>
  body { margin: 0; padding: 28px 32px; font: 14px/1.6 system-ui, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif;
         color: #303133; background: #fff; user-select: none; }
  h1 { margin: 0 0 14px; font-size: 16px; color: #8f1d22; }
  .bar { height: 8px; border-radius: 4px; background: #ebeef5; overflow: hidden; margin: 10px 0 12px; }
  .bar i { display: block; height: 100%; width: 0; background: #409eff; transition: width .2s; }
  .bar.busy i { width: 30%; animation: busy 1.2s ease-in-out infinite; }
  @keyframes busy { from { margin-left: -30%; } to { margin-left: 100%; } }
  small { color: #909399; }
</style></head>
<body><h1>人民调解案件管理</h1><div id="line">正在启动…</div>
<div class="bar" id="bar"><i id="fill"></i></div><small>${START_PROGRESS_HINT}</small></body></html>`

/** The statement that shows `progress` in START_PAGE: the values go in as JSON literals, never as markup. */
export function startPageUpdate(progress: StartProgress): string {
  const percent = progressPercent(progress)
  return `(() => {
  document.getElementById('line').textContent = ${JSON.stringify(startProgressText(progress))};
  document.getElementById('bar').className = ${JSON.stringify(percent === null ? 'bar busy' : 'bar')};
  document.getElementById('fill').style.width = ${JSON.stringify(percent === null ? '' : `${percent}%`)};
})()`
}

/**
 * A listener that passes on only what a person could see change: a new phase
 * or step, or a copy another whole percent further. A 19 GB store is
 * copied in ≈ 1,200 steps; the start window needs a hundred.
 */
export function onVisibleChange(listener: StartProgressListener): StartProgressListener {
  let last = ''
  return (progress) => {
    const step = progress.phase === 'migrate' ? progress.step : progress.phase === 'restore' ? progress.copying : ''
    const key = `${progress.phase}:${step}:${progressPercent(progress)}`
    if (key === last) return
    last = key
    listener(progress)
  }
}
