"""A registered use case ready to assess: vendor, AI system and use case through the services."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from tryggki.auth.actor import Actor
from tryggki.registry import catalogue, service
from tryggki.registry.schemas import AISystemIn, UseCaseIn, VendorIn

# Answers of the questionnaire as a browser posts them.
ANSWERS = {
    "ai.is_ai_system": "yes",
    "ai.model_modification": "prompting",
    "ai.generates_content": ["text"],
    "sourcing.vendor_role": "processor",
    "sourcing.dpa_in_place": "on",
    "data.subject_to_professional_secrecy": "on",
    "data.sources": ["audio_consultation"],
    "data.use_phase": ["inference"],
    "data.scale": "trust",
    "legal_basis_claimed": ["helsehjelp_pjl"],
    "decision.decision_effect": "none",
    "decision.override_possible": "on",
}


def registered_use_case(db: Session, *, stage: str = "pilot") -> uuid.UUID:
    """A speech-to-text use case at Helse Bergen on an EEA cloud service (synthetic)."""
    system_actor = Actor.system()
    catalogue.save_vendor(
        db, data=VendorIn(name="Testleverandør AS", country="NO"), actor=system_actor
    )
    catalogue.save_ai_system(
        db,
        data=AISystemIn(
            name="Testtale",
            vendor="Testleverandør AS",
            techniques=["speech_to_text", "llm_generative"],
            gpai_based=True,
            gpai_model="Testmodell",
            md_qualification="not_md",
            sourcing_model="saas_enterprise",
            hosting="eea_cloud",
            vendor_uses_inputs_for_training="no",
        ),
        actor=system_actor,
    )
    uc = service.create_use_case(
        db,
        data=UseCaseIn(
            title="Tale til journalnotat",
            organisation="helse_bergen",
            ai_system="Testtale",
            purpose_domain="clinical_care",
            lifecycle_stage=stage,
            clinical_function="none",
            human_involvement="human_reviews_every_output",
            users=["clinicians"],
            affected=["patients"],
            data_categories=["health", "personal_general"],
        ),
        actor=system_actor,
    )
    db.commit()
    return uc.id
