"""A buyer's address book: list, add, read, change (or make the default:
PATCH {"is_default": true}), delete. Another buyer's address is not found."""

from flask import g

from app import clock
from app.addresses import book
from app.addresses.schemas import AddressIn, AddressOut, AddressPatch
from app.auth.access import login_required
from app.db import transaction
from app.schema import Blueprint

bp = Blueprint("mp_addresses", __name__, url_prefix="/mp/v1",
               description="The buyer's addresses (at most 20, one default).")
A = "/addresses/<int:address_id>"


@bp.get("/addresses")
@login_required
@bp.response(200, AddressOut(many=True))
def list_addresses():
    """The default first, then the most recently added."""
    with transaction() as session:
        return book.mine(session, g.user_id)


@bp.post("/addresses")
@login_required
@bp.arguments(AddressIn)
@bp.response(201, AddressOut)
def create(data):
    with transaction() as session:
        return book.create(session, user_id=g.user_id, data=data, now=clock.now())


@bp.get(A)
@login_required
@bp.response(200, AddressOut)
def get_address(address_id):
    with transaction() as session:
        return book.get_mine(session, g.user_id, address_id)


@bp.patch(A)
@login_required
@bp.arguments(AddressPatch)
@bp.response(200, AddressOut)
def update(data, address_id):
    with transaction() as session:
        return book.update_mine(session, user_id=g.user_id, address_id=address_id, data=data,
                                now=clock.now())


@bp.delete(A)
@login_required
@bp.response(204)
def delete(address_id):
    """Orders placed with it keep their copy."""
    with transaction() as session:
        book.delete(session, user_id=g.user_id, address_id=address_id)

