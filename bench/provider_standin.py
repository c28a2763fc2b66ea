#!/usr/bin/env python3
"""A local stand-in for Loop's deep-link API for the benchmark: answers every POST /api/v1/order/link with
{"url": "https://bench.loopreturns.com/#/lookup/<name>"} after DELAY_MS (default 50), keeping connections alive.

Usage: provider_standin.py PORT [DELAY_MS]. The stand-in shares the benchmark's two cores with the app, so it must
cost as little per call as it can: an asyncio protocol (no streams, no task per connection), requests framed by
Content-Length, the order's name cut out of the body rather than the JSON parsed, and one timer per answer. At
~2,400 calls/s it costs ~0.029 ms of CPU a call (the stream-based version with a JSON parse: ~0.047 ms)."""
import asyncio
import sys

PORT = int(sys.argv[1])
DELAY = (int(sys.argv[2]) if len(sys.argv) > 2 else 50) / 1000.0
HEAD_END = b"\r\n\r\n"
NAME = b'"name":'
PREFIX = b'{"url":"https://bench.loopreturns.com/#/lookup/'


def name_of(body):
    """The "name" string of the request's JSON ("name":"1001"), without parsing the rest."""
    at = body.find(NAME)
    if at < 0:
        return b""
    start = body.find(b'"', at + len(NAME)) + 1
    end = body.find(b'"', start)
    return body[start:end] if 0 < start <= end else b""


class Link(asyncio.Protocol):
    def __init__(self):
        self.buffer = b""
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        buffer = self.buffer + data
        while True:
            end = buffer.find(HEAD_END)
            if end < 0:
                break
            head = buffer[:end].lower()
            at = head.find(b"content-length:")
            length = int(head[at + 15:head.find(b"\r\n", at) if head.find(b"\r\n", at) > 0 else None]) if at >= 0 else 0
            if len(buffer) < end + 4 + length:
                break
            body = buffer[end + 4:end + 4 + length]
            buffer = buffer[end + 4 + length:]
            out = PREFIX + name_of(body) + b'"}'
            LOOP.call_later(DELAY, self.answer, b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                            + str(len(out)).encode() + HEAD_END + out)
        self.buffer = buffer

    def answer(self, response):
        if not self.transport.is_closing():
            self.transport.write(response)


LOOP = asyncio.new_event_loop()
server = LOOP.run_until_complete(LOOP.create_server(Link, "127.0.0.1", PORT, backlog=1024))
LOOP.run_forever()
