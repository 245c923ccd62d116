from django.db import migrations

EDITOR_PERMISSIONS = [
    ("quotes", "quote", "change_quote"),
    ("quotes", "quote", "add_quote"),
    ("quotes", "speaker", "change_speaker"),
    ("quotes", "speaker", "add_speaker"),
    ("quotes", "speakeralias", "add_speakeralias"),
    ("quotes", "speakeralias", "delete_speakeralias"),
    ("quotes", "topic", "add_topic"),
    ("quotes", "topic", "change_topic"),
]


def create_editors_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    for app_label, model, codename in EDITOR_PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            )
        )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quotes", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
