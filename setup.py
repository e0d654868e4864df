"""The one thing pyproject.toml cannot say: `resources/` (kept at the top of the repository) ships inside the
wheel as the data-only package `pos_app/_resources`, next to the code that reads it (pos_app/resources.py)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["pos_app*"]), "pos_app._resources"],
    package_dir={"pos_app._resources": "resources"},
    package_data={"pos_app._resources": ["**/*"]},
    # Translation sources are for translators; terminals load the compiled .qm files.
    exclude_package_data={"pos_app._resources": ["**/*.ts", "**/*.pro"]},
)
