/*
 * Start the app's real entry points as child processes (browser mode, and
 * `npm start` itself) and wait for the address they print.
 */
import { spawn, type ChildProcess } from 'node:child_process'

export interface Started {
  child: ChildProcess
  /** Everything printed so far, stdout and stderr. */
  output: () => string
  /** The opening URL, with its #token fragment. */
  openingUrl: string
  /** Stop by PID (the whole process group), as a user's Ctrl-C would, and wait for the exit code. */
  stop(): Promise<number | null>
}

const URL_LINE = /浏览器模式已启动：(http:\/\/\S+)/

export function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

export async function startProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number
): Promise<Started> {
  // Own process group, so stopping reaches npm's children too.
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let text = ''
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))

  const openingUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address within ${timeoutMs} ms; output:\n${text}`)), timeoutMs)
    const check = () => {
      const match = URL_LINE.exec(text)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`exited with ${code} before printing an address; output:\n${text}`))
    })
  })

  return {
    child,
    output: () => text,
    openingUrl,
    async stop() {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGINT')
      return waitForExit(child)
    }
  }
}

/** Run a command to its end (for a start that is expected to be refused). */
export async function runToExit(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv
): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let text = ''
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
  const code = await waitForExit(child)
  return { code, output: text }
}
