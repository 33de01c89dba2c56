"""An official whose account is deleted leaves their history readable: the events they made stay on the form."""

import pytest
from django.urls import reverse

from reports.models import ReviewEvent

pytestmark = pytest.mark.django_db


def test_a_form_reviewed_by_a_deleted_account_still_opens(send_report, user_named, client_for):
    report = send_report("thon-001")
    user_named("vanhoaxahoi").delete()  # the coordinator who accepted it leaves the commune
    assert ReviewEvent.objects.filter(report=report, kind=ReviewEvent.Kind.ACCEPTED, by=None).exists()

    for username in ("truongthon1", "lanhdao"):
        response = client_for(username).get(reverse("reports:form", args=[report.pk]))
        assert response.status_code == 200
        assert "tài khoản đã xóa" in response.content.decode()
