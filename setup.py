"""Packaging that pyproject.toml cannot say: the migrations live at the top of
the repository, where Alembic users look for them, but ship inside the app
package as `app.migrations`, so nothing called `migrations` lands at the top
of site-packages."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["app*"]), "app.migrations", "app.migrations.versions"],
    package_dir={"app.migrations": "migrations"},
)
