#!/usr/bin/env python3
"""A local stand-in for Loop's deep-link API for the benchmark: answers every POST /api/v1/order/link with
{"url": "https://bench.loopreturns.com/#/lookup/<name>"} after DELAY_MS (default 50), keeping connections alive.

Usage: provider_standin.py PORT [DELAY_MS]. The stand-in shares the benchmark's two cores with the app, so it must
cost as little per call as it can: an asyncio buffered protocol reading into one buffer per connection (a plain
protocol's every read allocates a fresh 256 KiB bytes object, which glibc maps, shrinks and unmaps: three system
calls and a page fault a read), requests framed by Content-Length, the order's name cut out of the body rather than
the JSON parsed, and one timer per answer (docs/performance.md, "Provider deep links without a waiting thread")."""
import asyncio
import sys

PORT = int(sys.argv[1])
DELAY = (int(sys.argv[2]) if len(sys.argv) > 2 else 50) / 1000.0
HEAD_END = b"\r\n\r\n"
NAME = b'"name":'
PREFIX = b'{"url":"https://bench.loopreturns.com/#/lookup/'
BUFFER = 64 * 1024


def name_of(body):
    """The "name" string of the request's JSON ("name":"1001"), without parsing the rest."""
    at = body.find(NAME)
    if at < 0:
        return b""
    start = body.find(b'"', at + len(NAME)) + 1
    end = body.find(b'"', start)
    return body[start:end] if 0 < start <= end else b""


class Link(asyncio.BufferedProtocol):
    def __init__(self):
        self.buffer = bytearray(BUFFER)
        self.view = memoryview(self.buffer)
        self.used = 0
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def get_buffer(self, sizehint):
        if self.used == len(self.buffer):   # a request larger than the buffer: grow it
            self.view.release()
            self.buffer.extend(bytes(len(self.buffer)))
            self.view = memoryview(self.buffer)
        return self.view[self.used:]

    def buffer_updated(self, nbytes):
        self.used += nbytes
        data = bytes(self.view[:self.used])
        taken = 0
        while True:
            end = data.find(HEAD_END, taken)
            if end < 0:
                break
            head = data[taken:end].lower()
            at = head.find(b"content-length:")
            line_end = head.find(b"\r\n", at)
            length = int(head[at + 15:line_end if line_end > 0 else None]) if at >= 0 else 0
            if len(data) < end + 4 + length:
                break
            out = PREFIX + name_of(data[end + 4:end + 4 + length]) + b'"}'
            taken = end + 4 + length
            LOOP.call_later(DELAY, self.answer, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                            + str(len(out)).encode() + HEAD_END + out)
        if taken:
            rest = self.used - taken
            self.buffer[:rest] = data[taken:]
            self.used = rest

    def answer(self, response):
        if not self.transport.is_closing():
            self.transport.write(response)


LOOP = asyncio.new_event_loop()
server = LOOP.run_until_complete(LOOP.create_server(Link, "127.0.0.1", PORT, backlog=1024))
LOOP.run_forever()
