"""ORM classes, one module per aggregate; importing this package registers them all."""

from tryggki.models.ai_system import AISystem
from tryggki.models.assessment import Assessment, AssessmentDecision, ControlEvidence
from tryggki.models.audit import AuditEvent
from tryggki.models.benefit import Benefit, BenefitMeasurement
from tryggki.models.gateway import GatewayCall, GatewayKey, GatewayPolicy
from tryggki.models.indicator import Indicator, IndicatorUseCase, IndicatorValue
from tryggki.models.organisation import Organisation
from tryggki.models.portfolio import FocusArea, FocusAreaUseCase, PortfolioScore, WeightSet
from tryggki.models.rulebook_version import RulebookVersion
from tryggki.models.use_case import UseCase, UseCaseDataCategory
from tryggki.models.user import ApiToken, LoginSession, Role, User
from tryggki.models.vendor import Vendor

__all__ = [
    "AISystem",
    "ApiToken",
    "Assessment",
    "AssessmentDecision",
    "AuditEvent",
    "Benefit",
    "BenefitMeasurement",
    "ControlEvidence",
    "FocusArea",
    "FocusAreaUseCase",
    "GatewayCall",
    "GatewayKey",
    "GatewayPolicy",
    "Indicator",
    "IndicatorUseCase",
    "IndicatorValue",
    "LoginSession",
    "Organisation",
    "PortfolioScore",
    "Role",
    "RulebookVersion",
    "UseCase",
    "UseCaseDataCategory",
    "User",
    "Vendor",
    "WeightSet",
]
