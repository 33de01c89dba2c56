"""The commune's public pages (no login) and, under can-bo/, the officials' pages of the publicity app."""

from django.urls import path

from .feeds import DisclosureAtomFeed, DisclosureFeed
from .views import officials, officials_cases, officials_disclosures, officials_reception, opendata, public

app_name = "publicity"

urlpatterns = [
    path("", public.home, name="home"),
    path("ke-hoach/", public.plan_page, name="plan"),
    path("ke-hoach/pdf/", public.plan_pdf, name="plan_pdf"),
    path("cong-khai/", public.disclosure_list, name="disclosures"),
    path("cong-khai/rss/", DisclosureFeed(), name="feed_rss"),
    path("cong-khai/atom/", DisclosureAtomFeed(), name="feed_atom"),
    path("cong-khai/<int:pk>/", public.disclosure_detail, name="disclosure"),
    path("cong-khai/<int:pk>/tep/<int:attachment_pk>/", public.disclosure_attachment, name="disclosure_attachment"),
    path("cong-khai/danh-muc/<int:year>/quy-<int:quarter>/", public.quarterly_list, name="quarterly_list"),
    path("cong-khai/danh-muc/<int:year>/quy-<int:quarter>/pdf/", public.quarterly_list_pdf, name="quarterly_list_pdf"),
    path("phan-anh/", public.feedback_form, name="feedback"),
    path("phan-anh/<str:code>/da-gui/", public.feedback_sent, name="feedback_sent"),
    path("phan-anh/<str:code>/danh-gia/", public.feedback_resolved, name="feedback_resolved"),
    path("phan-anh/<str:code>/", public.feedback_status, name="feedback_status"),
    path("tiep-cong-dan/", public.reception, name="reception"),
    path("tim-kiem/", public.search, name="search"),
    path("du-lieu-mo/", opendata.index, name="open_data"),
    path("du-lieu-mo/<slug:name>.<str:fmt>", opendata.dataset, name="dataset"),
    # Officials
    path("can-bo/cong-khai-phan-anh/", officials.dashboard, name="officials_dashboard"),
    path("can-bo/phan-anh/", officials_cases.feedback_inbox, name="officials_inbox"),
    path("can-bo/phan-anh/ghi-nhan/", officials_cases.feedback_record, name="officials_feedback_record"),
    path("can-bo/phan-anh/<int:pk>/", officials_cases.feedback_detail, name="officials_feedback"),
    path("can-bo/phan-anh/<int:pk>/phan-loai/", officials_cases.feedback_classify, name="officials_feedback_classify"),
    path("can-bo/phan-anh/<int:pk>/chuyen/", officials_cases.feedback_forward, name="officials_feedback_forward"),
    path("can-bo/phan-anh/<int:pk>/tra-loi/", officials_cases.feedback_answer, name="officials_feedback_answer"),
    path("can-bo/phan-anh/<int:pk>/tra-lai/", officials_cases.feedback_return, name="officials_feedback_return"),
    path("can-bo/phan-anh/<int:pk>/ket-thuc/", officials_cases.feedback_close, name="officials_feedback_close"),
    path("can-bo/phan-anh/<int:pk>/cong-bo/", officials_cases.feedback_publish, name="officials_feedback_publish"),
    path(
        "can-bo/phan-anh/<int:pk>/tep/<int:attachment_pk>/",
        officials_cases.feedback_attachment,
        name="officials_feedback_attachment",
    ),
    path("can-bo/cong-khai/", officials_disclosures.disclosure_manage_list, name="officials_disclosures"),
    path("can-bo/cong-khai/moi/", officials_disclosures.disclosure_edit, name="officials_disclosure_new"),
    path("can-bo/cong-khai/<int:pk>/", officials_disclosures.disclosure_manage_detail, name="officials_disclosure"),
    path("can-bo/cong-khai/<int:pk>/sua/", officials_disclosures.disclosure_edit, name="officials_disclosure_edit"),
    path(
        "can-bo/cong-khai/<int:pk>/dang/", officials_disclosures.disclosure_publish, name="officials_disclosure_publish"
    ),
    path(
        "can-bo/cong-khai/<int:pk>/ket-thuc/",
        officials_disclosures.disclosure_archive,
        name="officials_disclosure_archive",
    ),
    path(
        "can-bo/cong-khai/<int:pk>/loa/",
        officials_disclosures.disclosure_loudspeaker,
        name="officials_disclosure_loudspeaker",
    ),
    path("can-bo/tiep-cong-dan/", officials_reception.reception_manage, name="officials_reception"),
    path("can-bo/tiep-cong-dan/<int:pk>/", officials_reception.reception_manage, name="officials_reception_edit"),
]
