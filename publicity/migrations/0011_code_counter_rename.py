"""The per-commune counter (0010) replaces the per-year one and takes its name."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("publicity", "0010_code_counter_per_commune")]

    operations = [
        migrations.DeleteModel(name="FeedbackCodeCounter"),
        migrations.RenameModel(old_name="FeedbackCodeCounterPerCommune", new_name="FeedbackCodeCounter"),
        migrations.AddConstraint(
            model_name="feedbackcodecounter",
            constraint=models.UniqueConstraint(fields=("commune", "year"), name="feedback_code_counter_per_year"),
        ),
    ]
