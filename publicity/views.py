"""The commune's public pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from plans import selectors as plan_selectors


def home(request: HttpRequest) -> HttpResponse:
    plan = plan_selectors.plan_current()
    context = {"plan": plan, "periods": plan_selectors.plan_periods(plan) if plan else []}
    return render(request, "publicity/home.html", context)
