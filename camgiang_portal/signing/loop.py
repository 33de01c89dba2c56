"""pyHanko's synchronous API run safely from any thread, including one already running an event loop."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor


def off_event_loop(function, /, *args, **kwargs):
    """Run pyHanko's sync API, which calls asyncio.run(), even from a thread that already runs a loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()
