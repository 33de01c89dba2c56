"""`{{ paragraph|typeset }}`: a paper's plain text escaped, its document numbers and dates kept on one line
(camgiang_portal.documents.typeset), for the shared paper includes (templates/documents/_sections.html)."""

from django import template
from django.utils.safestring import SafeString

from camgiang_portal import documents

register = template.Library()


@register.filter
def typeset(text) -> SafeString:
    return documents.typeset(str(text))
