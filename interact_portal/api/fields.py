"""Serializer fields that keep email addresses out of every answer.

The API serialises only what the public pages show, and no contact field at all; free text typed by people
(summaries, descriptions, names, venues) could still hold an address, so every text field of the API drops any word
with an '@' in it, as the open-data exports do (projects/exports.py), and a web address with one is left out.
"""

import re

from django.db import models
from rest_framework import serializers

ADDRESS_LIKE = re.compile(r"\S*@\S*")


def scrub(text: str) -> str:
    return ADDRESS_LIKE.sub("", text) if "@" in text else text


class PublicTextField(serializers.CharField):
    def to_representation(self, value):
        return scrub(super().to_representation(value))


class PublicURLField(serializers.URLField):
    def to_representation(self, value):
        value = super().to_representation(value)
        return "" if "@" in value else value


class PublicModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose model text and web address fields are scrubbed like the declared ones."""

    serializer_field_mapping = serializers.ModelSerializer.serializer_field_mapping | {
        models.CharField: PublicTextField,
        models.TextField: PublicTextField,
        models.URLField: PublicURLField,
    }
