"""The REST API: contacts, companies, deals, tasks and notes of the token's workspace."""

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1")
