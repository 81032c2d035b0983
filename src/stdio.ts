/**
 * The CLI's output, written straight to file descriptors 1 and 2. Setting up
 * process.stdout or process.stderr loads node's stream and socket modules, a large share
 * of a short command's run; a line written with writeSync needs none of it. A pipe that
 * cannot take more right now (EAGAIN) gets the rest through the stream, which waits, and
 * so does every later line, in order; a reader that went away (EPIPE, as with `| head`)
 * ends the output quietly.
 */
import { fstatSync, writeSync } from 'node:fs'

export function lineWriter(fd: 1 | 2): (text: string) => void {
  let closed = false
  let stream: NodeJS.WriteStream | null = null
  return (text) => {
    if (closed) return
    const data = Buffer.from(`${text}\n`)
    let at = 0
    while (!stream && at < data.length) {
      try {
        at += writeSync(fd, data, at)
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'EPIPE') {
          closed = true
          return
        }
        if (code !== 'EAGAIN') throw error
        stream = fd === 1 ? process.stdout : process.stderr
      }
    }
    if (stream && at < data.length) stream.write(data.subarray(at))
  }
}

/** Whether a file descriptor is a terminal, without loading the tty module unless it may be one. */
export function isTerminal(fd: 1 | 2): boolean {
  try {
    return fstatSync(fd).isCharacterDevice() && process.getBuiltinModule('node:tty').isatty(fd)
  } catch {
    return false
  }
}
