// Generated from the migrations by `npm run db:types`; a test fails when it is stale. Do not edit.

export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  public: {
    Tables: {
      api_tokens: {
        Row: {
          created_at: string
          expires_at: string | null
          id: number
          last_used_at: string | null
          name: string
          revoked_at: string | null
          token_hash: string
          token_start: string
          user_id: string
        }
        Insert: {
          created_at?: string
          expires_at?: string | null
          id?: never
          last_used_at?: string | null
          name: string
          revoked_at?: string | null
          token_hash: string
          token_start: string
          user_id: string
        }
        Update: {
          created_at?: string
          expires_at?: string | null
          id?: never
          last_used_at?: string | null
          name?: string
          revoked_at?: string | null
          token_hash?: string
          token_start?: string
          user_id?: string
        }
        Relationships: []
      }
      assignments: {
        Row: {
          created_at: string
          dataset_id: number
          expires_at: string
          id: number
          pair_id: number
          shown_left: string
          state: string
          user_id: string
        }
        Insert: {
          created_at?: string
          dataset_id: number
          expires_at: string
          id?: never
          pair_id: number
          shown_left: string
          state?: string
          user_id: string
        }
        Update: {
          created_at?: string
          dataset_id?: number
          expires_at?: string
          id?: never
          pair_id?: number
          shown_left?: string
          state?: string
          user_id?: string
        }
        Relationships: []
      }
      consent_events: {
        Row: {
          at: string
          dataset_id: number
          detail: Json
          event: string
          id: number
          terms_version_id: number | null
          user_id: string | null
        }
        Insert: {
          at?: string
          dataset_id: number
          detail?: Json
          event: string
          id?: never
          terms_version_id?: number | null
          user_id?: string | null
        }
        Update: {
          at?: string
          dataset_id?: number
          detail?: Json
          event?: string
          id?: never
          terms_version_id?: number | null
          user_id?: string | null
        }
        Relationships: []
      }
      consents: {
        Row: {
          accepted_at: string
          credit: string
          credit_name: string | null
          dataset_id: number
          id: number
          superseded_at: string | null
          terms_version_id: number
          user_id: string
          withdrawn_at: string | null
        }
        Insert: {
          accepted_at?: string
          credit?: string
          credit_name?: string | null
          dataset_id: number
          id?: never
          superseded_at?: string | null
          terms_version_id: number
          user_id: string
          withdrawn_at?: string | null
        }
        Update: {
          accepted_at?: string
          credit?: string
          credit_name?: string | null
          dataset_id?: number
          id?: never
          superseded_at?: string | null
          terms_version_id?: number
          user_id?: string
          withdrawn_at?: string | null
        }
        Relationships: []
      }
      dataset_stewards: {
        Row: {
          added_at: string
          added_by: string | null
          dataset_id: number
          user_id: string
        }
        Insert: {
          added_at?: string
          added_by?: string | null
          dataset_id: number
          user_id: string
        }
        Update: {
          added_at?: string
          added_by?: string | null
          dataset_id?: number
          user_id?: string
        }
        Relationships: []
      }
      datasets: {
        Row: {
          created_at: string
          created_by: string | null
          description: string
          guidelines: string
          id: number
          overlap_target: number
          pair_count: number
          slug: string
          status: string
          title: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          description?: string
          guidelines?: string
          id?: never
          overlap_target?: number
          pair_count?: number
          slug: string
          status?: string
          title: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          description?: string
          guidelines?: string
          id?: never
          overlap_target?: number
          pair_count?: number
          slug?: string
          status?: string
          title?: string
          updated_at?: string
        }
        Relationships: []
      }
      export_contributions: {
        Row: {
          dataset_id: number
          export_id: number
          recorded_at: string
          user_id: string
          votes: number
        }
        Insert: {
          dataset_id: number
          export_id: number
          recorded_at?: string
          user_id: string
          votes: number
        }
        Update: {
          dataset_id?: number
          export_id?: number
          recorded_at?: string
          user_id?: string
          votes?: number
        }
        Relationships: []
      }
      exports: {
        Row: {
          accepted_terms_version: number | null
          alive_at: string | null
          conditions: Json
          created_at: string
          dataset_id: number
          error: string | null
          filters: Json
          finished_at: string | null
          format: string
          id: number
          manifest: Json | null
          purpose: string
          requested_by: string | null
          row_count: number | null
          shape: string
          started_at: string | null
          status: string
        }
        Insert: {
          accepted_terms_version?: number | null
          alive_at?: string | null
          conditions?: Json
          created_at?: string
          dataset_id: number
          error?: string | null
          filters?: Json
          finished_at?: string | null
          format: string
          id?: never
          manifest?: Json | null
          purpose: string
          requested_by?: string | null
          row_count?: number | null
          shape: string
          started_at?: string | null
          status?: string
        }
        Update: {
          accepted_terms_version?: number | null
          alive_at?: string | null
          conditions?: Json
          created_at?: string
          dataset_id?: number
          error?: string | null
          filters?: Json
          finished_at?: string | null
          format?: string
          id?: never
          manifest?: Json | null
          purpose?: string
          requested_by?: string | null
          row_count?: number | null
          shape?: string
          started_at?: string | null
          status?: string
        }
        Relationships: []
      }
      pairs: {
        Row: {
          content_hash: string | null
          created_at: string
          dataset_id: number
          external_id: string | null
          id: number
          lease_count: number
          metadata: Json
          model_a: string | null
          model_b: string | null
          prompt: Json
          response_a: Json
          response_b: Json
          vote_count: number
        }
        Insert: {
          content_hash?: never
          created_at?: string
          dataset_id: number
          external_id?: string | null
          id?: never
          lease_count?: number
          metadata?: Json
          model_a?: string | null
          model_b?: string | null
          prompt: Json
          response_a: Json
          response_b: Json
          vote_count?: number
        }
        Update: {
          content_hash?: never
          created_at?: string
          dataset_id?: number
          external_id?: string | null
          id?: never
          lease_count?: number
          metadata?: Json
          model_a?: string | null
          model_b?: string | null
          prompt?: Json
          response_a?: Json
          response_b?: Json
          vote_count?: number
        }
        Relationships: []
      }
      profiles: {
        Row: {
          created_at: string
          display_name: string | null
          id: string
        }
        Insert: {
          created_at?: string
          display_name?: string | null
          id: string
        }
        Update: {
          created_at?: string
          display_name?: string | null
          id?: string
        }
        Relationships: []
      }
      terms_versions: {
        Row: {
          allow_commercial: boolean
          allow_evaluate: boolean
          allow_publish: boolean
          allow_train_ai: boolean
          attribution: string
          contact: string
          created_at: string
          created_by: string | null
          dataset_id: number
          full_text: string
          id: number
          license: string
          material: boolean
          open_weights_only: boolean
          published_at: string | null
          retention: string
          status: string
          summary: string
          version: number
          withdrawal_policy: string
        }
        Insert: {
          allow_commercial?: boolean
          allow_evaluate?: boolean
          allow_publish?: boolean
          allow_train_ai?: boolean
          attribution?: string
          contact?: string
          created_at?: string
          created_by?: string | null
          dataset_id: number
          full_text?: string
          id?: never
          license?: string
          material?: boolean
          open_weights_only?: boolean
          published_at?: string | null
          retention?: string
          status?: string
          summary?: string
          version: number
          withdrawal_policy?: string
        }
        Update: {
          allow_commercial?: boolean
          allow_evaluate?: boolean
          allow_publish?: boolean
          allow_train_ai?: boolean
          attribution?: string
          contact?: string
          created_at?: string
          created_by?: string | null
          dataset_id?: number
          full_text?: string
          id?: never
          license?: string
          material?: boolean
          open_weights_only?: boolean
          published_at?: string | null
          retention?: string
          status?: string
          summary?: string
          version?: number
          withdrawal_policy?: string
        }
        Relationships: []
      }
      votes: {
        Row: {
          assignment_id: number | null
          consent_id: number
          created_at: string
          dataset_id: number
          id: number
          pair_id: number
          rationale: string | null
          shown_left: string
          strength: number | null
          terms_version_id: number
          user_id: string
          winner: string
        }
        Insert: {
          assignment_id?: number | null
          consent_id: number
          created_at?: string
          dataset_id: number
          id?: never
          pair_id: number
          rationale?: string | null
          shown_left: string
          strength?: number | null
          terms_version_id: number
          user_id: string
          winner: string
        }
        Update: {
          assignment_id?: number | null
          consent_id?: number
          created_at?: string
          dataset_id?: number
          id?: never
          pair_id?: number
          rationale?: string | null
          shown_left?: string
          strength?: number | null
          terms_version_id?: number
          user_id?: string
          winner?: string
        }
        Relationships: []
      }
    }
    Views: { [_ in never]: never }
    Functions: {
      add_steward: {
        Args: {
          dataset_slug: string
          email: string
        }
        Returns: undefined
      }
      create_api_token: {
        Args: {
          name: string
          valid_days?: number
        }
        Returns: string
      }
      create_dataset: {
        Args: {
          slug: string
          title: string
          description?: string
          guidelines?: string
          overlap_target?: number
        }
        Returns: string
      }
      dataset_figures: {
        Args: {
          dataset_slug: string
        }
        Returns: {
          votes: number | null
          voters: number | null
          pairs_voted: number | null
          decided_pairs: number | null
          mean_agreement: number | null
        }[]
      }
      ensure_profile: {
        Args: {
          display_name?: string
        }
        Returns: Database['public']['Tables']["profiles"]['Row']
      }
      export_alive: {
        Args: {
          export_id: number
        }
        Returns: undefined
      }
      export_credits: {
        Args: {
          export_id: number
        }
        Returns: string[]
      }
      export_preference_page: {
        Args: {
          export_id: number
          after_pair_id: number
          page_size: number
        }
        Returns: Json
      }
      export_snapshot: {
        Args: {
          export_id: number
        }
        Returns: Json
      }
      export_vote_page: {
        Args: {
          export_id: number
          after_pair_id: number
          after_vote_id: number
          page_size: number
        }
        Returns: Json
      }
      fail_export: {
        Args: {
          export_id: number
          error: string
        }
        Returns: undefined
      }
      fail_stale_exports: {
        Args: {
          quiet_seconds: number
        }
        Returns: number[]
      }
      finish_export: {
        Args: {
          export_id: number
          row_count: number
          manifest: Json
        }
        Returns: undefined
      }
      get_dataset: {
        Args: {
          dataset_slug: string
        }
        Returns: {
          slug: string | null
          title: string | null
          description: string | null
          guidelines: string | null
          status: string | null
          overlap_target: number | null
          pair_count: number | null
          is_steward: boolean | null
          terms_version: number | null
          terms_summary: string | null
          terms_full_text: string | null
          license: string | null
          attribution: string | null
          allow_train_ai: boolean | null
          allow_evaluate: boolean | null
          allow_publish: boolean | null
          allow_commercial: boolean | null
          open_weights_only: boolean | null
        }[]
      }
      get_export: {
        Args: {
          export_id: number
        }
        Returns: {
          id: number | null
          dataset_slug: string | null
          requested_by: string | null
          purpose: string | null
          conditions: Json | null
          filters: Json | null
          shape: string | null
          format: string | null
          status: string | null
          row_count: number | null
          error: string | null
          created_at: string | null
          finished_at: string | null
          manifest: Json | null
        }[]
      }
      give_consent: {
        Args: {
          dataset_slug: string
          credit?: string
          credit_name?: string
        }
        Returns: {
          consent_id: number | null
          terms_version: number | null
          accepted_at: string | null
        }[]
      }
      import_pairs: {
        Args: {
          dataset_slug: string
          pairs: Json
        }
        Returns: Json
      }
      list_api_tokens: {
        Args: {}
        Returns: {
          id: number | null
          name: string | null
          token_start: string | null
          created_at: string | null
          last_used_at: string | null
          expires_at: string | null
          revoked_at: string | null
        }[]
      }
      list_datasets: {
        Args: {}
        Returns: {
          slug: string | null
          title: string | null
          description: string | null
          status: string | null
          overlap_target: number | null
          pair_count: number | null
          is_steward: boolean | null
          terms_version: number | null
          license: string | null
        }[]
      }
      list_exports: {
        Args: {
          dataset_slug: string
        }
        Returns: {
          id: number | null
          requested_by: string | null
          purpose: string | null
          conditions: Json | null
          filters: Json | null
          shape: string | null
          format: string | null
          status: string | null
          row_count: number | null
          accepted_terms_version: number | null
          created_at: string | null
          finished_at: string | null
          manifest: Json | null
        }[]
      }
      list_stewards: {
        Args: {
          dataset_slug: string
        }
        Returns: {
          email: string | null
          added_at: string | null
          added_by_email: string | null
          is_you: boolean | null
        }[]
      }
      my_contributions: {
        Args: {}
        Returns: {
          slug: string | null
          title: string | null
          consent: string | null
          terms_version: number | null
          credit: string | null
          consented_at: string | null
          withdrawn_at: string | null
          votes_included: number | null
          votes_withdrawn: number | null
          exports_including: number | null
        }[]
      }
      my_profile: {
        Args: {}
        Returns: {
          id: string | null
          display_name: string | null
          created_at: string | null
        }[]
      }
      my_votes: {
        Args: {
          dataset_slug: string
          after_vote_id?: number
          page_size?: number
        }
        Returns: {
          vote_id: number | null
          pair_id: number | null
          prompt: Json | null
          response_a: Json | null
          response_b: Json | null
          winner: string | null
          strength: number | null
          shown_left: string | null
          rationale: string | null
          terms_version: number | null
          withdrawn: boolean | null
          created_at: string | null
        }[]
      }
      next_pair: {
        Args: {
          dataset_slug: string
        }
        Returns: {
          assignment_id: number | null
          pair_id: number | null
          expires_at: string | null
          prompt: Json | null
          left_response: Json | null
          right_response: Json | null
        }[]
      }
      publish_terms: {
        Args: {
          dataset_slug: string
        }
        Returns: number
      }
      ranking_progress: {
        Args: {
          dataset_slug: string
        }
        Returns: {
          consent: string | null
          accepted_version: number | null
          latest_version: number | null
          my_votes_today: number | null
          my_votes_total: number | null
          votes_total: number | null
          votes_goal: number | null
          pairs_complete: number | null
          pair_count: number | null
        }[]
      }
      remove_steward: {
        Args: {
          dataset_slug: string
          email: string
        }
        Returns: undefined
      }
      request_export: {
        Args: {
          dataset_slug: string
          purpose: string
          commercial: boolean
          open_weights: boolean
          shape: string
          format: string
          filters?: Json
        }
        Returns: number
      }
      resolve_api_token: {
        Args: {
          token_hash: string
        }
        Returns: {
          user_id: string | null
          email: string | null
        }[]
      }
      restore_votes: {
        Args: {
          dataset_slug: string
        }
        Returns: number
      }
      revoke_api_token: {
        Args: {
          token_id: number
        }
        Returns: string
      }
      save_terms_draft: {
        Args: {
          dataset_slug: string
          summary: string
          full_text: string
          allow_train_ai: boolean
          allow_evaluate: boolean
          allow_publish: boolean
          allow_commercial: boolean
          open_weights_only: boolean
          license: string
          attribution: string
          withdrawal_policy: string
          retention: string
          contact: string
          material: boolean
        }
        Returns: number
      }
      set_dataset_status: {
        Args: {
          dataset_slug: string
          status: string
        }
        Returns: undefined
      }
      skip_pair: {
        Args: {
          assignment_id: number
        }
        Returns: boolean
      }
      steward_overview: {
        Args: {
          dataset_slug: string
        }
        Returns: {
          draft_version: number | null
          base_version: number | null
          summary: string | null
          full_text: string | null
          allow_train_ai: boolean | null
          allow_evaluate: boolean | null
          allow_publish: boolean | null
          allow_commercial: boolean | null
          open_weights_only: boolean | null
          license: string | null
          attribution: string | null
          withdrawal_policy: string | null
          retention: string | null
          contact: string | null
          material: boolean | null
          volunteers: number | null
          votes: number | null
        }[]
      }
      submit_vote: {
        Args: {
          assignment_id: number
          choice: string
          rationale?: string
        }
        Returns: {
          vote_id: number | null
          pair_id: number | null
          winner: string | null
          strength: number | null
          created_at: string | null
        }[]
      }
      terms_history: {
        Args: {
          dataset_slug: string
        }
        Returns: {
          version: number | null
          summary: string | null
          full_text: string | null
          allow_train_ai: boolean | null
          allow_evaluate: boolean | null
          allow_publish: boolean | null
          allow_commercial: boolean | null
          open_weights_only: boolean | null
          license: string | null
          attribution: string | null
          withdrawal_policy: string | null
          retention: string | null
          contact: string | null
          material: boolean | null
          published_at: string | null
        }[]
      }
      undo_last_vote: {
        Args: {
          dataset_slug: string
        }
        Returns: number
      }
      update_dataset: {
        Args: {
          dataset_slug: string
          title: string
          description: string
          guidelines: string
          overlap_target: number
        }
        Returns: undefined
      }
      vote_and_next: {
        Args: {
          dataset_slug: string
          assignment_id: number
          choice: string
          rationale?: string
        }
        Returns: {
          assignment_id: number | null
          pair_id: number | null
          expires_at: string | null
          prompt: Json | null
          left_response: Json | null
          right_response: Json | null
        }[]
      }
      withdraw_consent: {
        Args: {
          dataset_slug: string
        }
        Returns: number
      }
    }
    Enums: { [_ in never]: never }
    CompositeTypes: { [_ in never]: never }
  }
};
