"""A bare FastAPI app: the memory floor a seatkeeper worker is compared against."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}
