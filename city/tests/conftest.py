# The real SMTP server the reminders tests send to (aiosmtpd in this process).
from reminders.tests.conftest import smtp  # noqa: F401
