"""Freight errors with stable codes."""

from enum import StrEnum

from app.errors import Conflict, DomainError, NotFound


class ErrorCode(StrEnum):
    """Every error code of this package, each once."""

    FREIGHT_TEMPLATE_NOT_FOUND = "freight_template_not_found"
    FREIGHT_TEMPLATE_IN_USE = "freight_template_in_use"
    REGION_NOT_DELIVERED = "region_not_delivered"
    ADDRESS_REQUIRED = "address_required"


class FreightTemplateNotFound(NotFound):
    code, message = ErrorCode.FREIGHT_TEMPLATE_NOT_FOUND, "No such freight template."


class FreightTemplateInUse(Conflict):
    """details.product_ids: the products that name it."""

    code, message = (ErrorCode.FREIGHT_TEMPLATE_IN_USE,
                     "Products still name this freight template.")


class RegionNotDelivered(DomainError):
    """details: region_code (the ship-to district), refused (the template's
    entry that refuses it: that district, its city or its province) and
    product_ids (the order's products that cannot go there)."""

    code, status, message = (ErrorCode.REGION_NOT_DELIVERED, 422,
                             "Some goods are not delivered to this region.")


class AddressRequired(DomainError):
    """details.product_ids: the goods whose postage needs a ship-to region."""

    code, status, message = (ErrorCode.ADDRESS_REQUIRED, 422,
                             "Postage depends on the address: give a delivery address.")
