#!/usr/bin/env python3
"""A local stand-in for Loop's deep-link API for the benchmark: answers every POST /api/v1/order/link with
{"url": "https://bench.loopreturns.com/#/lookup/<name>"} after DELAY_MS (default 50), keeping connections alive.

Usage: provider_standin.py PORT [DELAY_MS]. asyncio with a minimal HTTP/1.1 reader: the stand-in shares the
benchmark's two cores, so it must cost as little per call as it can."""
import asyncio
import json
import sys

PORT = int(sys.argv[1])
DELAY = (int(sys.argv[2]) if len(sys.argv) > 2 else 50) / 1000.0


async def handle(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:].strip())
            body = await reader.readexactly(length) if length else b""
            try:
                name = json.loads(body).get("name", "")
            except ValueError:
                name = ""
            await asyncio.sleep(DELAY)
            out = json.dumps({"url": "https://bench.loopreturns.com/#/lookup/" + str(name)}).encode()
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                         + str(len(out)).encode() + b"\r\n\r\n" + out)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", PORT, backlog=1024)
    async with server:
        await server.serve_forever()


asyncio.run(main())
