"""Django admin for the store's settings that have no screen of their own: the facilities' split rules."""

from django.contrib import admin

from .ledger_models import SplitRule


@admin.register(SplitRule)
class SplitRuleAdmin(admin.ModelAdmin):
    list_display = ["facility", "effective_from", "premi_percent", "pnbp_percent", "capital_percent", "note"]
    list_filter = ["facility"]
    ordering = ["facility", "-effective_from"]
