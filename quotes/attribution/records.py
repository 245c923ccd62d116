"""The engine's output record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Attribution:
    """One quotation with its speaker, cue and offsets into the article text."""

    text: str
    start: int
    end: int
    kind: str  # direct, indirect or mixed
    speaker: str | None
    speaker_mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_kind: str  # person, organisation, anonymous or other
    speaker_description: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of DESIGN.md (plus speaker_description)."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_mention": self.speaker_mention,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "speaker_kind": self.speaker_kind,
            "cue": self.cue,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "confidence": self.confidence,
            "speaker_description": self.speaker_description,
        }
