"""Login form that tells a disabled account apart from a wrong password."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class PortalAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Xin kiểm tra lại (mật khẩu phân biệt chữ hoa, chữ thường)."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Xin liên hệ Phòng Văn hóa – Xã hội để được mở lại."),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # ModelBackend refuses inactive users as if the password were wrong; say what really happened,
            # but only to someone who knows the password, so the message reveals nothing to a guesser.
            username = self.cleaned_data.get("username")
            password = self.cleaned_data.get("password")
            user = get_user_model()._default_manager.filter(username=username).first() if username else None
            if user is not None and not user.is_active and password and user.check_password(password):
                raise forms.ValidationError(self.error_messages["inactive"], code="inactive") from None
            raise
