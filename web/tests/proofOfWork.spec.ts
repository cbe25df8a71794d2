import { describe, expect, it } from 'vitest'
import { sha256Hex, solveChallenge } from '@/pages/public/proofOfWork'

const bytes = (s: string) => new TextEncoder().encode(s)

describe('the application form proof of work', () => {
  it('hashes like SHA-256', () => {
    expect(sha256Hex(bytes(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256Hex(bytes('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256Hex(bytes('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    )
    expect(sha256Hex(bytes('a'.repeat(1000)))).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3')
  })

  it('finds the number the server hashed, and says so when there is none', async () => {
    const salt = 'k3J9xQ.1796169600'
    const challenge = sha256Hex(bytes(salt + '1234'))
    const shares: number[] = []
    const solved = await solveChallenge({ algorithm: 'SHA-256', salt, challenge, max_number: 5000, signature: 'sig' }, (s) => shares.push(s), 500)
    expect(solved).toEqual({ salt, number: 1234, signature: 'sig' })
    expect(shares.length).toBe(2)
    expect(await solveChallenge({ algorithm: 'SHA-256', salt, challenge, max_number: 1000, signature: 'sig' })).toBeNull()
    expect(await solveChallenge({ algorithm: 'SHA-512', salt, challenge, max_number: 5000, signature: 'sig' })).toBeNull()
  })
})
